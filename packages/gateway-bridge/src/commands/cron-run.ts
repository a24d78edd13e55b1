import { claimRunStartedBy, databaseNow, getCronJob } from '@agent-studio/database';
import { waitFor } from '../wait';
import { CommandError, requireGateway, type CommandHandler } from './context';
import { runHostCronJob } from './host-cron-run';

const WAIT_FOR_RUN_MS = 10_000;

/**
 * Forces a run through the gateway's cron API, then waits briefly for the run to appear in the mirror.
 * Host-cron jobs run through the studio's own runner instead.
 */
export const runCronJob: CommandHandler<'cron.run'> = async (ctx, payload, cmd) => {
  const job = await getCronJob(ctx.db, payload.jobId);
  if (!job || job.removed_at)
    throw new CommandError(
      job?.source === 'host'
        ? 'That job is no longer in any crontab the studio reads.'
        : 'That job no longer exists in OpenClaw.',
    );
  if (job.source === 'host')
    return runHostCronJob(ctx, job, { triggerType: payload.triggerType, triggeredBy: cmd.requested_by });
  if (job.source !== 'openclaw' || !job.external_id) throw new CommandError(`"${job.name}" is not an OpenClaw job.`);
  const gw = await requireGateway(ctx, 'cron.run');
  // the database's clock, not ours: web, bridge and database may run on different hosts
  const askedAt = await databaseNow(ctx.db);
  // exactly these params: 2026.9.6 validates cron.run strictly and refuses any other key (an idempotencyKey too)
  const res = await gw.request<{ ok?: boolean; enqueued?: boolean; runId?: string }>('cron.run', {
    id: job.external_id,
    mode: 'force',
  });
  if (res.ok === false) throw new CommandError(`OpenClaw did not start "${job.name}".`);
  const run = await waitFor(
    () =>
      claimRunStartedBy(ctx.db, {
        jobId: job.id,
        since: askedAt,
        triggerType: payload.triggerType,
        triggeredBy: cmd.requested_by,
      }),
    WAIT_FOR_RUN_MS,
  );
  const openclawRunId = res.runId ?? null;
  return run ? { runId: run.id, status: 'started', openclawRunId } : { runId: null, status: 'enqueued', openclawRunId };
};
