import { getCronJob, setCronJobPausedReason } from '@agent-studio/database';
import { CommandError, requireGateway, type CommandHandler } from './context';

export const setCronEnabled: CommandHandler<'cron.setEnabled'> = async (ctx, payload) => {
  const job = await getCronJob(ctx.db, payload.jobId);
  if (!job?.external_id || job.removed_at) throw new CommandError('That job no longer exists in OpenClaw.');
  const gw = await requireGateway(ctx, 'cron.update');
  await gw.request('cron.update', { id: job.external_id, patch: { enabled: payload.enabled } });
  if (!payload.enabled && payload.reason) await setCronJobPausedReason(ctx.db, job.id, payload.reason);
  return { enabled: payload.enabled };
};
