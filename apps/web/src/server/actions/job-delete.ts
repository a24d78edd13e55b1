import 'server-only';
import type { Actor } from '@agent-studio/core';
import { getCronJob, type CommandRow } from '@agent-studio/database';
import { refused } from './activity';
import { DomainError } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

/** Deletes the job from OpenClaw (`cron.remove`); its runs stay in the studio, the job shows as removed. */
export async function deleteJob(actor: Actor, jobId: string): Promise<CommandRow> {
  const job = await existing('Cron job', jobId, getCronJob);
  const target = { kind: 'cron_job' as const, id: job.id, label: job.name };
  if (job.removed_at)
    throw await refused(
      actor,
      { action: 'cron.remove', target },
      new DomainError('job_removed', `"${job.name}" was already removed from OpenClaw.`),
    );
  if (job.source !== 'openclaw')
    throw await refused(
      actor,
      { action: 'cron.remove', target },
      new DomainError('not_openclaw', `"${job.name}" is a crontab line: remove it from its crontab.`),
    );
  return queueCommand(
    actor,
    'cron.remove',
    { jobId: job.id },
    {
      waitMs: 8000,
      target,
      gatewayId: job.gateway_id,
      failure: 'OpenClaw did not delete the job.',
    },
  );
}
