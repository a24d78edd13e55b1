'use server';
import { headers } from 'next/headers';
import { actorOf } from '@/server/actor';
import { DomainError } from '@/server/actions/errors';
import { updateJob } from '@/server/actions/job-update';

/** Applies a schedule suggestion: the same change, with the same checks, as `PATCH /api/cron/jobs/:id`. */
export async function applySchedule(jobId: string, change: { schedule: unknown; timezone: unknown }): Promise<string> {
  try {
    const actor = await actorOf({ headers: await headers() });
    const { job, change: applied, command } = await updateJob(actor, jobId, change);
    if (command.status !== 'succeeded') return 'Queued for the bridge.';
    const schedule = applied.schedule?.kind === 'cron' ? applied.schedule.expr : applied.schedule?.kind;
    return `Applied: “${job.name}” now runs on ${schedule}.`;
  } catch (err) {
    if (err instanceof DomainError) return `Not applied: ${err.message}`;
    throw err;
  }
}
