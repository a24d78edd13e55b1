import type { NewJob } from '@agent-studio/core';
import { getCronJobsByExternalIds, type Queryable } from '@agent-studio/database';
import { waitFor } from '../wait';
import { gatewayOf } from '../of-gateway';
import { requireGateway, type CommandHandler } from './context';

// the mirror writes the job from the gateway's `cron` added event, usually within milliseconds
const WAIT_FOR_MIRROR_MS = 5000;

/** `cron.add` params for a new job (OpenClaw 2026.9.6 validates them strictly: no other key). */
export function cronAddParams(job: NewJob, declarationKey: string): Record<string, unknown> {
  const main = job.session === 'main';
  const schedule = job.schedule.kind === 'cron' && job.timezone ? { ...job.schedule, tz: job.timezone } : job.schedule;
  return {
    name: job.name,
    // a claim repeated after a bridge restart converges on the same job instead of adding a second one
    declarationKey,
    ...(job.description ? { description: job.description } : {}),
    ...(job.agentId ? { agentId: job.agentId } : {}),
    enabled: job.enabled,
    ...(job.schedule.kind === 'at' && job.deleteAfterRun !== undefined ? { deleteAfterRun: job.deleteAfterRun } : {}),
    schedule,
    // OpenClaw: the main session takes system events, an isolated session agent turns
    sessionTarget: job.session,
    wakeMode: job.wakeMode,
    payload: main
      ? { kind: 'systemEvent', text: job.message }
      : {
          kind: 'agentTurn',
          message: job.message,
          ...(job.model ? { model: job.model } : {}),
          ...(job.timeoutSeconds ? { timeoutSeconds: job.timeoutSeconds } : {}),
        },
    delivery: job.delivery,
  };
}

/** The studio's row for a gateway job once the mirror has it (null if it did not within the wait). */
export async function mirroredJobId(
  db: Queryable,
  gatewayId: string,
  externalId: string,
  waitMs = WAIT_FOR_MIRROR_MS,
): Promise<string | null> {
  return waitFor(async () => {
    const row = (await getCronJobsByExternalIds(db, 'openclaw', [externalId], gatewayId)).get(externalId);
    return row && !row.removed_at && row.id;
  }, waitMs);
}

/** Creates a job through the gateway's `cron.add`; answers with the studio's id for it once mirrored. */
export const addCronJob: CommandHandler<'cron.add'> = async (ctx, payload, cmd) => {
  const gw = await requireGateway(ctx, 'cron.add');
  const res = await gw.request<{ id?: string; job?: { id: string } }>(
    'cron.add',
    cronAddParams(payload, `agent-studio:${cmd.id}`),
  );
  // an add with a declarationKey answers {created, job}; a plain one the job itself
  const openclawId = res.job?.id ?? res.id;
  if (!openclawId) throw new Error('OpenClaw did not say which job it created.');
  return { jobId: await mirroredJobId(ctx.db, gatewayOf(ctx), openclawId), openclawId, name: payload.name };
};
