import {
  channelFor,
  lookingCommands,
  studioActor,
  type Actor,
  type CommandKind,
  type CommandPayload,
  type CommandStatus,
} from '@agent-studio/core';
import type { Db, Queryable } from '../db';
import { finishCommandActivity, recordActivity, type ActivityTarget } from './activity';
import { appendEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

export interface CommandRow {
  id: string;
  kind: CommandKind;
  /** The gateway it is for: only that gateway's bridge claims it. */
  gateway_id: string;
  payload: unknown;
  status: CommandStatus;
  result: unknown;
  error: string | null;
  attempts: number;
  requested_by: string | null;
  claimed_by: string | null;
  claimed_at: Date | null;
  finished_at: Date | null;
  /** Past this, unclaimed, it fails rather than runs (its bridge was not running); null: no deadline. */
  claim_by: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Who asked for a command and what it acts on, for the activity log; and the gateway it is for (default). */
export interface CommandOrigin {
  actor?: Actor;
  target?: ActivityTarget | null;
  gatewayId?: string;
  /** A bridge must claim it within this long or it fails, never runs later (an action someone is waiting on). */
  claimWithinMs?: number;
}

/** Why a bridge failed a command instead of running it: nobody claimed it while its asker waited. */
export const UNCLAIMED_IN_TIME =
  'No bridge picked this up in time (it was not running), so it was not run later: ask again if it is still wanted.';

/** Queues an action for the bridge and records it in the activity log (pending until the command finishes). */
export async function enqueueCommand<K extends CommandKind>(
  db: Db,
  kind: K,
  payload: CommandPayload<K>,
  by: CommandOrigin = {},
): Promise<CommandRow> {
  return db.transaction((tx) => insertCommand(tx, kind, payload, by));
}

/** Queues a command inside the caller's transaction (when queuing it is part of a larger change). */
export async function insertCommand<K extends CommandKind>(
  tx: Queryable,
  kind: K,
  payload: CommandPayload<K>,
  by: CommandOrigin = {},
): Promise<CommandRow> {
  // a payload may name who it acts for (scheduled publishing); else the studio itself
  const actor = by.actor ?? (payload as { actor?: Actor }).actor ?? studioActor;
  const [row] = await tx.query<CommandRow>(
    `insert into commands (kind, gateway_id, payload, requested_by, claim_by)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000)) returning *`,
    [
      kind,
      by.gatewayId ?? DEFAULT_GATEWAY_ID,
      JSON.stringify(payload),
      actor.kind === 'owner' ? actor.id : null,
      by.claimWithinMs ?? null,
    ],
  );
  await appendEvent(tx, channelFor.system(), 'command.updated', {
    commandId: row!.id,
    kind,
    status: 'queued',
    error: null,
  });
  if (!lookingCommands.has(kind))
    await recordActivity(tx, {
      actor,
      action: kind,
      target: by.target,
      detail: payload as Record<string, unknown>,
      outcome: 'pending',
      commandId: row!.id,
    });
  return row!;
}

export async function getCommand(db: Queryable, id: string): Promise<CommandRow | null> {
  const [row] = await db.query<CommandRow>('select * from commands where id = $1', [id]);
  return row ?? null;
}

/**
 * Claims the oldest queued command for `worker`, of the gateway it serves (no other). A command left `running`
 * longer than `staleAfterMs` (its worker died) is claimed again: its id is the gateway idempotency key, so a
 * second execution has no effect.
 */
export async function claimNextCommand(
  db: Db,
  worker: string,
  staleAfterMs = 60_000,
  gatewayId = DEFAULT_GATEWAY_ID,
): Promise<CommandRow | null> {
  return db.transaction(async (tx) => {
    // past its deadline unclaimed: its asker was told it failed (or would have been, had the web process lived)
    const expired = await tx.query<CommandRow>(
      `update commands set status = 'failed', error = $2, finished_at = now(), updated_at = now()
        where gateway_id = $1 and status = 'queued' and claim_by < now() returning *`,
      [gatewayId, UNCLAIMED_IN_TIME],
    );
    for (const c of expired) await failedEvent(tx, c);
    const [row] = await tx.query<CommandRow>(
      // claimed in time: the deadline is met (a command re-queued after its bridge died still runs)
      `update commands set status = 'running', claimed_by = $1, claimed_at = now(), attempts = attempts + 1,
                           claim_by = null, updated_at = now()
        where id = (
          select id from commands
           where gateway_id = $3
             and (status = 'queued'
                  or (status = 'running' and claimed_at < now() - make_interval(secs => $2::float8 / 1000)))
           order by created_at limit 1 for update skip locked)
        returning *`,
      [worker, staleAfterMs, gatewayId],
    );
    if (row)
      await appendEvent(tx, channelFor.system(), 'command.updated', {
        commandId: row.id,
        kind: row.kind,
        status: 'running',
        error: null,
      });
    return row ?? null;
  });
}

/**
 * At start, a bridge (stable worker name) re-queues what it left running for its gateway when it stopped or
 * crashed (bridges for other gateways on the same host may share the name). A standby that takes a gateway's
 * lease over passes null: whatever the gateway's last holder left running (any worker) is queued again.
 */
export async function requeueCommandsOf(
  db: Queryable,
  worker: string | null,
  gatewayId = DEFAULT_GATEWAY_ID,
): Promise<number> {
  const rows = await db.query(
    `update commands set status = 'queued', updated_at = now()
      where status = 'running' and ($1::text is null or claimed_by = $1) and gateway_id = $2 returning id`,
    [worker, gatewayId],
  );
  return rows.length;
}

export async function finishCommand(
  db: Db,
  id: string,
  outcome: { status: 'succeeded'; result?: unknown } | { status: 'failed'; error: string; result?: unknown },
): Promise<CommandRow | null> {
  return db.transaction(async (tx) => {
    const error = outcome.status === 'failed' ? outcome.error : null;
    const [row] = await tx.query<CommandRow>(
      `update commands set status = $2, result = $3, error = $4, finished_at = now(), updated_at = now()
        where id = $1 and status = 'running' returning *`,
      [id, outcome.status, JSON.stringify(outcome.result ?? null), error],
    );
    if (row) {
      await appendEvent(tx, channelFor.system(), 'command.updated', {
        commandId: id,
        kind: row.kind,
        status: outcome.status,
        error,
      });
      const created =
        outcome.status === 'succeeded' && row.kind === 'cron.add'
          ? (outcome.result as { jobId?: unknown } | null)?.jobId
          : null;
      await finishCommandActivity(tx, id, outcome.status, error, typeof created === 'string' ? created : null);
    }
    return row ?? null;
  });
}

/**
 * Fails a command nobody claimed in time (the bridge is not running): better said now than done by surprise
 * much later. A command the bridge claimed meanwhile is left alone.
 */
export async function expireQueuedCommand(db: Db, id: string, error: string): Promise<CommandRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<CommandRow>(
      `update commands set status = 'failed', error = $2, finished_at = now(), updated_at = now() where id = $1 and status = 'queued' returning *`,
      [id, error],
    );
    if (row) await failedEvent(tx, row);
    return row ?? null;
  });
}

/** A command failed without running: its event and its activity entry say why. */
async function failedEvent(tx: Queryable, row: CommandRow) {
  await appendEvent(tx, channelFor.system(), 'command.updated', {
    commandId: row.id,
    kind: row.kind,
    status: 'failed',
    error: row.error,
  });
  await finishCommandActivity(tx, row.id, 'failed', row.error ?? '');
}

export async function listCommands(
  db: Queryable,
  params: { limit?: number; before?: Date } = {},
): Promise<CommandRow[]> {
  return db.query<CommandRow>(
    'select * from commands where ($1::timestamptz is null or created_at < $1) order by created_at desc limit $2',
    [params.before ?? null, params.limit ?? 50],
  );
}
