import { getCronJob } from '@agent-studio/database';
import { CommandError, requireGateway, type CommandHandler } from './context';

/**
 * Changes a job's schedule, time zone and/or message through `cron.update` (seen on 2026.9.6: `patch.schedule`
 * replaces the schedule object, `patch.payload` merges into the payload). The mirror shows the result.
 */
export const updateCronJob: CommandHandler<'cron.update'> = async (ctx, payload) => {
  const job = await getCronJob(ctx.db, payload.jobId);
  if (!job?.external_id || job.removed_at) throw new CommandError('That job no longer exists in OpenClaw.');
  if (job.source !== 'openclaw') throw new CommandError(`"${job.name}" is not an OpenClaw job.`);
  const patch: Record<string, unknown> = {};
  if (payload.schedule) {
    const tz = payload.timezone === undefined ? job.timezone : payload.timezone;
    patch.schedule = payload.schedule.kind === 'cron' && tz ? { ...payload.schedule, tz } : payload.schedule;
  } else if (payload.timezone !== undefined && job.schedule_kind === 'cron') {
    patch.schedule = { kind: 'cron', expr: job.schedule, ...(payload.timezone ? { tz: payload.timezone } : {}) };
  }
  if (payload.message !== undefined) {
    const kind = job.payload.kind;
    if (kind !== 'agentTurn' && kind !== 'systemEvent')
      throw new CommandError(
        `"${job.name}" runs a ${String(kind)} payload; only agent turns and system events have a message.`,
      );
    patch.payload = kind === 'agentTurn' ? { kind, message: payload.message } : { kind, text: payload.message };
  }
  if (!Object.keys(patch).length) throw new CommandError('Nothing to change.');
  const gw = await requireGateway(ctx, 'cron.update');
  await gw.request('cron.update', { id: job.external_id, patch });
  return { jobId: job.id, changed: Object.keys(patch) };
};
