import { getCronJob } from '@agent-studio/database';
import { waitFor } from '../wait';
import { CommandError, requireGateway, type CommandHandler } from './context';

const WAIT_FOR_MIRROR_MS = 5000;

/** Deletes a job in OpenClaw (`cron.remove`); its runs stay in the studio, the job is marked removed. */
export const removeCronJob: CommandHandler<'cron.remove'> = async (ctx, payload) => {
  const job = await getCronJob(ctx.db, payload.jobId);
  if (!job?.external_id || job.removed_at) throw new CommandError('That job no longer exists in OpenClaw.');
  if (job.source !== 'openclaw') throw new CommandError(`"${job.name}" is not an OpenClaw job.`);
  const gw = await requireGateway(ctx, 'cron.remove');
  const res = await gw.request<{ ok?: boolean; removed?: boolean }>('cron.remove', { id: job.external_id });
  if (res.removed === false) throw new CommandError(`OpenClaw no longer has "${job.name}".`);
  // the gateway's `removed` event marks the row; wait for it so the page that asked shows the job gone
  await waitFor(async () => (await getCronJob(ctx.db, job.id))?.removed_at, WAIT_FOR_MIRROR_MS);
  return { jobId: job.id, name: job.name };
};
