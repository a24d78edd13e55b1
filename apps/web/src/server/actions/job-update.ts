import 'server-only';
import type { z } from 'zod';
import type { Actor } from '@agent-studio/core';
import { jobPatchBody } from '@agent-studio/core/api';
import { getCronJob, type CommandRow, type CronJobRow } from '@agent-studio/database';
import { scheduleProblem } from '@/lib/schedule';
import { refused } from './activity';
import { DomainError, invalidField, validate } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

type JobPatch = z.infer<typeof jobPatchBody>;

/**
 * Pause/resume, or a new schedule, time zone or message, each through the bridge and the gateway's cron API.
 * The one way a job changes: the API's PATCH and the metrics page's schedule suggestion both come here.
 */
export async function updateJob(
  actor: Actor,
  jobId: string,
  input: unknown,
): Promise<{ job: CronJobRow; change: JobPatch; command: CommandRow }> {
  const body = validate('body', jobPatchBody, input);
  const job = await existing('Cron job', jobId, getCronJob);
  const target = { kind: 'cron_job' as const, id: job.id, label: job.name };
  const action = body.enabled === undefined ? 'cron.update' : 'cron.setEnabled';
  if (job.removed_at)
    throw await refused(
      actor,
      { action, target, detail: body },
      new DomainError('job_removed', `"${job.name}" was removed from OpenClaw.`),
    );
  if (body.schedule || body.timezone) {
    const timezone = body.timezone === undefined ? job.timezone : body.timezone;
    const problem = body.schedule
      ? scheduleProblem(body.schedule, timezone)
      : timezone &&
        scheduleProblem({ kind: 'cron', expr: job.schedule_kind === 'cron' ? job.schedule : '* * * * *' }, timezone);
    if (problem) throw invalidField(body.schedule && !problem.includes('time zone') ? 'schedule' : 'timezone', problem);
  }
  const opts = { waitMs: 8000, target, gatewayId: job.gateway_id, failure: 'OpenClaw did not change the job.' };
  const command =
    body.enabled === undefined
      ? await queueCommand(
          actor,
          'cron.update',
          { jobId: job.id, schedule: body.schedule, timezone: body.timezone, message: body.message },
          opts,
        )
      : await queueCommand(actor, 'cron.setEnabled', { jobId: job.id, enabled: body.enabled }, opts);
  return { job, change: body, command };
}
