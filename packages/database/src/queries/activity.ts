import { channelFor, type Actor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { cursorTime, decodeCursor, encodeCursor } from './cursor';
import { appendEvent } from './events';

export type ActivityOutcome = 'pending' | 'succeeded' | 'failed' | 'warned';

export interface ActivityRow {
  id: string;
  actor_kind: Actor['kind'];
  actor_name: string;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  target_label: string | null;
  detail: Record<string, unknown>;
  outcome: ActivityOutcome;
  error: string | null;
  command_id: string | null;
  /** The gateway of what it acted on (its command, job, run, session, content item or approval; migration 0039); null: the studio's own. */
  gateway_id: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** What an action was taken on, named as it was at the time. */
export interface ActivityTarget {
  kind:
    | 'cron_job'
    | 'cron_run'
    | 'agent_session'
    | 'gtm_output'
    | 'swarm'
    | 'budget'
    | 'approval'
    | 'webhook'
    | 'api_token';
  id: string | null;
  label: string | null;
}

export interface ActivityInput {
  actor: Actor;
  action: string;
  target?: ActivityTarget | null;
  detail?: Record<string, unknown>;
  outcome: ActivityOutcome;
  error?: string | null;
  commandId?: string | null;
  /** The gateway it concerns where its command or target does not say (a gateway's budget); else found from them. */
  gatewayId?: string | null;
}

/** Records one action; call it in the transaction that does the action (so a rolled-back action leaves no entry). */
export async function recordActivity(tx: Queryable, input: ActivityInput): Promise<ActivityRow> {
  const [row] = await tx.query<ActivityRow>(
    `insert into activity (actor_kind, actor_name, action, target_kind, target_id, target_label, detail, outcome, error, command_id, gateway_id, finished_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $8 = 'pending' then null else now() end) returning *`,
    [
      input.actor.kind,
      input.actor.name,
      input.action,
      input.target?.kind ?? null,
      input.target?.id ?? null,
      input.target?.label ?? null,
      JSON.stringify(input.detail ?? {}),
      input.outcome,
      input.error ?? null,
      input.commandId ?? null,
      input.gatewayId ?? null,
    ],
  );
  await appendEvent(tx, channelFor.system(), 'activity.recorded', {
    activityId: row!.id,
    action: row!.action,
    outcome: row!.outcome,
    error: row!.error,
  });
  return row!;
}

/** The outcome of an action the bridge executed (its command finished). */
/** Settles a command's entry; `createdId` names what a creating command made (a new job), so the entry links it. */
export async function finishCommandActivity(
  tx: Queryable,
  commandId: string,
  outcome: 'succeeded' | 'failed',
  error: string | null,
  createdId: string | null = null,
): Promise<void> {
  const [row] = await tx.query<ActivityRow>(
    `update activity set outcome = $2, error = $3, finished_at = now(), target_id = coalesce(target_id, $4)
      where command_id = $1 and outcome = 'pending' returning *`,
    [commandId, outcome, error, createdId],
  );
  if (row)
    await appendEvent(tx, channelFor.system(), 'activity.recorded', {
      activityId: row.id,
      action: row.action,
      outcome: row.outcome,
      error: row.error,
    });
}

export async function getActivity(db: Queryable, id: string): Promise<ActivityRow | null> {
  const [row] = await db.query<ActivityRow>('select * from activity where id = $1', [id]);
  return row ?? null;
}

/** An entry as the log lists it: with the bridge that ran its command (`claimed_by`), null when none did. */
export type ActivityListRow = ActivityRow & { ran_by: string | null };

/**
 * Newest first, keyset-paged; `action` matches a whole action or an area (`cron` matches `cron.run`). With
 * `gatewayId`, that gateway's entries and the studio's own (settings, tokens, webhooks, budgets), not another
 * gateway's.
 */
export async function listActivity(
  db: Queryable,
  params: { action?: string; outcome?: ActivityOutcome; cursor?: string; limit?: number; gatewayId?: string } = {},
): Promise<{ rows: ActivityListRow[]; nextCursor: string | null }> {
  const limit = params.limit ?? 50;
  const [at, id] = params.cursor ? decodeCursor(params.cursor) : [];
  const rows = await db.query<ActivityListRow & { cursor_at: string }>(
    `select *, (select claimed_by from commands c where c.id = activity.command_id) as ran_by,
            ${cursorTime('created_at')} as cursor_at from activity
      where ($1::text is null or action = $1 or action like $1 || '.%') and ($2::text is null or outcome = $2)
        and ($3::timestamptz is null or (created_at, id) < ($3, $4::uuid))
        and ($6::uuid is null or gateway_id is null or gateway_id = $6)
      order by created_at desc, id desc limit $5`,
    [params.action ?? null, params.outcome ?? null, at ?? null, id ?? null, limit + 1, params.gatewayId ?? null],
  );
  const page = rows.slice(0, limit);
  return {
    rows: page.map(({ cursor_at: _c, ...r }) => r),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.cursor_at, page.at(-1)!.id) : null,
  };
}
