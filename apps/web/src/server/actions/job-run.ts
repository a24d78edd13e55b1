import 'server-only';
import type { Actor } from '@agent-studio/core';
import { triggerBody } from '@agent-studio/core/api';
import { getCronJob, getCronRun, type CommandRow } from '@agent-studio/database';
import { getDb } from '../db';
import { refused } from './activity';
import { DomainError, validate } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

// The bridge answers once the gateway reports the run (it waits up to 10 s for it).
const WAIT_MS = 12_000;

/** Runs the job now (or again, for a failed run: `retryOfRunId`); `runId` once the run started. */
export async function runJob(
  actor: Actor,
  jobId: string,
  input: unknown,
): Promise<{ runId: string | null; command: CommandRow }> {
  const body = validate('body', triggerBody, input);
  const job = await existing('Cron job', jobId, getCronJob);
  const target = { kind: 'cron_job' as const, id: job.id, label: job.name };
  if (job.removed_at) {
    const from = job.source === 'host' ? 'its crontab' : 'OpenClaw';
    throw await refused(
      actor,
      { action: 'cron.run', target },
      new DomainError('job_removed', `"${job.name}" was removed from ${from}.`),
    );
  }
  if (body.retryOfRunId) {
    const run = await getCronRun(await getDb(), body.retryOfRunId);
    if (!run || run.job_id !== job.id)
      throw new DomainError('invalid_request', 'retryOfRunId is not a run of this job.', {
        issues: [{ field: 'retryOfRunId', message: 'not a run of this job' }],
      });
  }
  const payload = {
    jobId: job.id,
    triggerType: body.retryOfRunId ? ('retry' as const) : ('manual' as const),
    retryOfRunId: body.retryOfRunId,
  };
  const command = await queueCommand(actor, 'cron.run', payload, {
    waitMs: WAIT_MS,
    target,
    gatewayId: job.gateway_id,
    failure: 'The run could not be started.',
  });
  const runId =
    command.status === 'succeeded' ? ((command.result as { runId?: string | null } | null)?.runId ?? null) : null;
  return { runId, command };
}
