import 'server-only';
import type { Actor, CommandKind, CommandPayload } from '@agent-studio/core';
import {
  DEFAULT_GATEWAY_ID,
  enqueueCommand,
  expireQueuedCommand,
  getCommand,
  getGateway,
  type ActivityTarget,
  type CommandRow,
  type GatewayRow,
} from '@agent-studio/database';
import { getDb } from '../db';
import { env } from '../env';
import { subscribe } from '../live-hub';
import { DomainError } from './errors';

const settled = (c: CommandRow | null) => c?.status === 'succeeded' || c?.status === 'failed';

const within = () => `within ${Math.round(env.STUDIO_COMMAND_CLAIM_MS / 1000)} s`;
/** Why a command nobody claimed failed, naming the bridge to start (a named gateway's has its own). */
const bridgeDown = (gateway: GatewayRow | null) =>
  !gateway || gateway.id === DEFAULT_GATEWAY_ID
    ? `The studio's bridge did not pick this up ${within()}: it is not running (start the studio, or \`agent-studio bridge\` next to OpenClaw).`
    : `The bridge of gateway "${gateway.name}" did not pick this up ${within()}: it is not running (\`agent-studio bridge --gateway ${gateway.name}\` next to that OpenClaw).`;

/**
 * Queues an action for the bridge of `gatewayId` (the row's gateway when it acts on one), recorded in the
 * activity log as `actor`, and waits up to `waitMs` for its outcome (a `command.updated` event), so a quick
 * action answers in one request and a slow one answers 202 with the command to follow. One that no bridge
 * claims within STUDIO_COMMAND_CLAIM_MS fails saying which bridge is not running: in this answer when that
 * comes first, else later (its activity entry and a toast say so), so a request never waits on a busy bridge
 * longer than `waitMs`.
 */
export async function runCommand<K extends CommandKind>(
  actor: Actor,
  kind: K,
  payload: CommandPayload<K>,
  opts: { waitMs: number; target: ActivityTarget | null; gatewayId: string },
): Promise<CommandRow> {
  const db = await getDb();
  const cmd = await enqueueCommand(db, kind, payload, {
    actor,
    target: opts.target,
    gatewayId: opts.gatewayId,
    // kept in the row: a bridge back after this process has gone fails it rather than runs it late
    claimWithinMs: env.STUDIO_COMMAND_CLAIM_MS,
  });
  const expire = async () => expireQueuedCommand(db, cmd.id, bridgeDown(await getGateway(db, cmd.gateway_id)));
  let wake: () => void = () => {};
  const unsubscribe = await subscribe(['system'], null, (e) => {
    if (e.type === 'command.updated' && e.payload.commandId === cmd.id) wake();
  });
  try {
    const started = Date.now();
    const claimBy = started + env.STUDIO_COMMAND_CLAIM_MS;
    const finishBy = started + opts.waitMs;
    for (;;) {
      const changed = new Promise<void>((resolve) => (wake = resolve));
      // read after arming the wake-up: a change between the read and the wait is not missed
      const now = await getCommand(db, cmd.id);
      if (!now || settled(now)) return now ?? cmd;
      const t = Date.now();
      if (now.status === 'queued' && t >= claimBy) return (await expire()) ?? (await getCommand(db, cmd.id)) ?? cmd;
      if (t >= finishBy) {
        if (now.status === 'queued') setTimeout(() => void expire().catch(() => {}), claimBy - t).unref();
        return now;
      }
      await Promise.race([changed, new Promise((r) => setTimeout(r, Math.min(1000, Math.min(claimBy, finishBy) - t)))]);
    }
  } finally {
    unsubscribe();
  }
}

/** `runCommand`, with a command that failed thrown as `command_failed` (`failure` words it when OpenClaw said nothing). */
export async function queueCommand<K extends CommandKind>(
  actor: Actor,
  kind: K,
  payload: CommandPayload<K>,
  opts: { waitMs: number; target: ActivityTarget | null; gatewayId: string; failure: string },
): Promise<CommandRow> {
  const cmd = await runCommand(actor, kind, payload, opts);
  if (cmd.status === 'failed')
    throw new DomainError('command_failed', cmd.error ?? opts.failure, undefined, { commandId: cmd.id });
  return cmd;
}
