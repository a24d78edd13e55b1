'use server';
import { commandSchemas } from '@agent-studio/core';
import { getCronJob } from '@agent-studio/database';
import { headers } from 'next/headers';
import { runCommand } from '@/server/api/commands';
import { getDb } from '@/server/db';

/** Applies a schedule suggestion through the control path: a `cron.update` command the bridge runs against OpenClaw. */
export async function applySchedule(input: unknown): Promise<string> {
  const parsed = commandSchemas['cron.update'].safeParse(input);
  if (!parsed.success || !parsed.data.schedule) return 'Not applied: the suggestion is incomplete.';
  const job = await getCronJob(await getDb(), parsed.data.jobId);
  if (!job || job.removed_at) return 'Not applied: the job no longer exists in OpenClaw.';
  const cmd = await runCommand({ headers: await headers() }, 'cron.update', parsed.data, {
    waitMs: 5000,
    target: { kind: 'cron_job', id: job.id, label: job.name },
  });
  if (cmd.status === 'failed') return `Not applied: ${cmd.error ?? 'OpenClaw did not change the job.'}`;
  return cmd.status === 'succeeded'
    ? `Applied: “${job.name}” now runs on ${parsed.data.schedule.kind === 'cron' ? parsed.data.schedule.expr : parsed.data.schedule.kind}.`
    : 'Queued for the bridge.';
}
