import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { cursorTime, decodeCursor, encodeCursor } from './cursor';
import { appendEvents, type NewEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

export type AgentSessionStatus = 'idle' | 'running' | 'paused' | 'error' | 'completed' | 'cancelled';

export interface AgentSessionRow {
  id: string;
  agent_name: string;
  agent_type: string;
  session_key: string;
  status: AgentSessionStatus;
  task_description: string | null;
  task_context: Record<string, unknown>;
  parent_session_id: string | null;
  swarm_id: string | null;
  progress_percent: number;
  progress_message: string | null;
  started_at: Date;
  last_activity_at: Date;
  completed_at: Date | null;
  outputs: unknown[];
  final_output: string | null;
  token_usage: { input?: number; output?: number; total?: number; cost?: number };
  source: string;
  agent_id: string | null;
  openclaw_session_id: string | null;
  parent_session_key: string | null;
  spawn_depth: number;
  model: string | null;
  provider: string | null;
  cost_usd: number | null;
  cron_job_id: string | null;
  gateway_id: string;
  /** The session that carries this one's key on after OpenClaw reset it (this one is the conversation before). */
  continued_by: string | null;
  /** When the studio learned that OpenClaw deleted the session (at once, or as it connected again); the record stays. */
  removed_at: Date | null;
  /** When OpenClaw archived the session (still there, out of its default lists), and why, as it names it. */
  archived_at: Date | null;
  archive_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AgentSessionInput {
  /** The gateway the session is on (a bridge names its own); the default gateway when left out. */
  gatewayId?: string;
  sessionKey: string;
  agentName: string;
  agentType: 'swarm' | 'singleton' | 'subagent' | 'cron';
  status: AgentSessionStatus;
  agentId?: string | null;
  openclawSessionId?: string | null;
  parentSessionKey?: string | null;
  spawnDepth?: number;
  taskDescription?: string | null;
  progressMessage?: string | null;
  startedAt?: Date | null;
  lastActivityAt?: Date | null;
  completedAt?: Date | null;
  finalOutput?: string | null;
  tokenUsage?: { input?: number; output?: number; total?: number; cost?: number; source?: 'gateway' };
  costUsd?: number | null;
  model?: string | null;
  provider?: string | null;
  cronJobId?: string | null;
}

/** A session's creation as every writer of sessions announces it (the session's channel). */
export const sessionCreated = (s: Pick<AgentSessionRow, 'id' | 'agent_name'>): NewEvent => ({
  channel: channelFor.session(s.id),
  type: 'agent.session.created',
  payload: { sessionId: s.id, agentName: s.agent_name },
});

/** A change of a session as every writer of sessions announces it: its status and progress. */
export const sessionUpdated = (s: Pick<AgentSessionRow, 'id' | 'status' | 'progress_percent'>): NewEvent => ({
  channel: channelFor.session(s.id),
  type: 'agent.session.updated',
  payload: { sessionId: s.id, status: s.status, progress: s.progress_percent },
});

/**
 * SQL for the key a session is set aside under (the conversation before a reset, a session the gateway deleted):
 * `<key>#<why>-<UTC time to the ms>`, which leaves the key itself to the session the gateway now has under it.
 */
export const setAsideKey = (key: string, why: 'before' | 'deleted', at: string) =>
  `${key} || '#${why}-' || to_char(${at}::timestamptz at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const MIRRORED = `agent_name, agent_type, status, agent_id, openclaw_session_id, parent_session_key, spawn_depth, task_description,
  progress_message, last_activity_at, completed_at, final_output, token_usage, cost_usd, model, provider, cron_job_id`;

const STATUS = `case when agent_sessions.status = 'cancelled' and excluded.status <> 'running' then 'cancelled' else excluded.status end`;

/**
 * Keyed by OpenClaw's session key. Children that arrived before their parent are linked when it arrives.
 * A cancelled session stays cancelled until it runs again: the aborted run's own record, read later, says only
 * that it failed.
 */
export async function upsertAgentSession(
  tx: Queryable,
  input: AgentSessionInput,
): Promise<{ row: AgentSessionRow; created: boolean; changed: boolean }> {
  const gatewayId = input.gatewayId ?? DEFAULT_GATEWAY_ID;
  const [row] = await tx.query<AgentSessionRow & { inserted: boolean }>(
    `insert into agent_sessions (gateway_id, session_key, ${MIRRORED}, started_at, parent_session_id, swarm_id)
     values ($20, $1, $2, $3, $4, $5, $6, $7, coalesce($8, 0), $9, $10, coalesce($11, now()), $12, $13, coalesce($14, '{}'::jsonb), $15, $16, $17, $18,
             coalesce($19, now()), (select id from agent_sessions where gateway_id = $20 and session_key = $7),
             (select coalesce(swarm_id, id) from agent_sessions where gateway_id = $20 and session_key = $7))
     on conflict (gateway_id, session_key) do update set
       agent_name = excluded.agent_name, agent_type = excluded.agent_type, status = ${STATUS},
       agent_id = coalesce(excluded.agent_id, agent_sessions.agent_id),
       openclaw_session_id = coalesce(excluded.openclaw_session_id, agent_sessions.openclaw_session_id),
       parent_session_key = coalesce(excluded.parent_session_key, agent_sessions.parent_session_key),
       parent_session_id = coalesce(excluded.parent_session_id, agent_sessions.parent_session_id),
       swarm_id = coalesce(excluded.swarm_id, agent_sessions.swarm_id),
       spawn_depth = greatest(excluded.spawn_depth, agent_sessions.spawn_depth),
       task_description = coalesce(excluded.task_description, agent_sessions.task_description),
       progress_message = coalesce(excluded.progress_message, agent_sessions.progress_message),
       last_activity_at = greatest(excluded.last_activity_at, agent_sessions.last_activity_at),
       completed_at = coalesce(excluded.completed_at, agent_sessions.completed_at),
       final_output = coalesce(excluded.final_output, agent_sessions.final_output),
       token_usage = case when $14::jsonb is null then agent_sessions.token_usage else excluded.token_usage end,
       cost_usd = coalesce(excluded.cost_usd, agent_sessions.cost_usd), model = coalesce(excluded.model, agent_sessions.model),
       provider = coalesce(excluded.provider, agent_sessions.provider), cron_job_id = coalesce(excluded.cron_job_id, agent_sessions.cron_job_id),
       progress_percent = case when ${STATUS} = 'completed' then 100 else agent_sessions.progress_percent end,
       updated_at = now()
     where (agent_sessions.agent_name, agent_sessions.agent_type, agent_sessions.status, agent_sessions.token_usage, agent_sessions.cost_usd,
            agent_sessions.completed_at, agent_sessions.final_output, agent_sessions.progress_message, agent_sessions.parent_session_id,
            agent_sessions.task_description, agent_sessions.model)
           is distinct from
           (excluded.agent_name, excluded.agent_type, ${STATUS},
            case when $14::jsonb is null then agent_sessions.token_usage else excluded.token_usage end,
            coalesce(excluded.cost_usd, agent_sessions.cost_usd), coalesce(excluded.completed_at, agent_sessions.completed_at),
            coalesce(excluded.final_output, agent_sessions.final_output), coalesce(excluded.progress_message, agent_sessions.progress_message),
            coalesce(excluded.parent_session_id, agent_sessions.parent_session_id),
            coalesce(excluded.task_description, agent_sessions.task_description), coalesce(excluded.model, agent_sessions.model))
     returning *, (xmax = 0) as inserted`,
    [
      input.sessionKey,
      input.agentName,
      input.agentType,
      input.status,
      input.agentId ?? null,
      input.openclawSessionId ?? null,
      input.parentSessionKey ?? null,
      input.spawnDepth ?? null,
      input.taskDescription ?? null,
      input.progressMessage ?? null,
      input.lastActivityAt ?? null,
      input.completedAt ?? null,
      input.finalOutput ?? null,
      input.tokenUsage ? JSON.stringify(input.tokenUsage) : null,
      input.costUsd ?? null,
      input.model ?? null,
      input.provider ?? null,
      input.cronJobId ?? null,
      input.startedAt ?? null,
      gatewayId,
    ],
  );
  if (!row)
    return { row: (await getAgentSessionByKey(tx, input.sessionKey, gatewayId))!, created: false, changed: false };
  const { inserted, ...session } = row;
  // A subtree that arrived before its root has its top as swarm_id: once that top has a parent (a child just
  // linked below, or this session itself), everything under it joins the real swarm.
  const moves = session.swarm_id ? [{ top: session.id, swarm: session.swarm_id }] : [];
  if (inserted) {
    moves.push(...(await adoptChildren(tx, [session])));
  }
  await appendEvents(tx, [inserted ? sessionCreated(session) : sessionUpdated(session)]);
  await joinSwarms(tx, moves);
  return { row: session, created: inserted, changed: true };
}

/**
 * Creates the sessions not known yet, in a few statements whatever their number (a page of cron runs' own
 * sessions, the sessions a burst of chat lines names); known ones are left as they are. Returns those created.
 * Only sessions without a parent: children that arrived before them are linked as `upsertAgentSession` does.
 */
export async function createRootSessions(
  tx: Queryable,
  inputs: readonly AgentSessionInput[],
): Promise<AgentSessionRow[]> {
  if (!inputs.length) return [];
  const child = inputs.find((i) => i.parentSessionKey);
  if (child) throw new Error(`createRootSessions: ${child.sessionKey} has a parent (use upsertAgentSession)`);
  const created = await tx.query<AgentSessionRow>(
    `insert into agent_sessions (gateway_id, session_key, ${MIRRORED}, started_at)
     select s.gateway_id, s.session_key, s.agent_name, s.agent_type, s.status, s.agent_id, s.openclaw_session_id, null, coalesce(s.spawn_depth, 0), s.task_description,
            s.progress_message, coalesce(s.last_activity_at, now()), s.completed_at, s.final_output, coalesce(s.token_usage, '{}'::jsonb), s.cost_usd,
            s.model, s.provider, s.cron_job_id, coalesce(s.started_at, now())
       from rows from (jsonb_to_recordset($1::jsonb) as (gateway_id uuid, session_key text, agent_name text, agent_type text, status text, agent_id text,
              openclaw_session_id text, spawn_depth integer, task_description text, progress_message text, last_activity_at timestamptz,
              completed_at timestamptz, final_output text, token_usage jsonb, cost_usd numeric, model text, provider text, cron_job_id uuid,
              started_at timestamptz)) with ordinality as s
      order by s.ordinality
     on conflict (gateway_id, session_key) do nothing
     returning *`,
    [
      JSON.stringify(
        inputs.map((i) => ({
          gateway_id: i.gatewayId ?? DEFAULT_GATEWAY_ID,
          session_key: i.sessionKey,
          agent_name: i.agentName,
          agent_type: i.agentType,
          status: i.status,
          agent_id: i.agentId,
          openclaw_session_id: i.openclawSessionId,
          spawn_depth: i.spawnDepth,
          task_description: i.taskDescription,
          progress_message: i.progressMessage,
          last_activity_at: i.lastActivityAt,
          completed_at: i.completedAt,
          final_output: i.finalOutput,
          token_usage: i.tokenUsage,
          cost_usd: i.costUsd,
          model: i.model,
          provider: i.provider,
          cron_job_id: i.cronJobId,
          started_at: i.startedAt,
        })),
      ),
    ],
  );
  await joinSwarms(tx, await adoptChildren(tx, created));
  await appendEvents(tx, created.map(sessionCreated));
  return created;
}

/** Children seen before their parent (just created) are linked to it; returns the tops whose swarm changed. */
async function adoptChildren(
  tx: Queryable,
  parents: readonly Pick<AgentSessionRow, 'id' | 'swarm_id' | 'session_key' | 'gateway_id'>[],
): Promise<{ top: string; swarm: string }[]> {
  if (!parents.length) return [];
  return tx.query<{ top: string; swarm: string }>(
    `update agent_sessions c set parent_session_id = p.id, swarm_id = coalesce(p.swarm_id, p.id), updated_at = now()
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[]) as p(id, swarm_id, session_key, gateway_id)
      where c.parent_session_key = p.session_key and c.gateway_id = p.gateway_id and c.parent_session_id is null
      returning c.id as top, c.swarm_id as swarm`,
    [
      parents.map((p) => p.id),
      parents.map((p) => p.swarm_id),
      parents.map((p) => p.session_key),
      parents.map((p) => p.gateway_id),
    ],
  );
}

/** Everything whose swarm was `top` joins `swarm`. */
async function joinSwarms(tx: Queryable, moves: readonly { top: string; swarm: string }[]) {
  if (!moves.length) return;
  await tx.query(
    'update agent_sessions s set swarm_id = m.swarm, updated_at = now() from unnest($1::uuid[], $2::uuid[]) as m(top, swarm) where s.swarm_id = m.top',
    [moves.map((m) => m.top), moves.map((m) => m.swarm)],
  );
}

export async function getAgentSession(db: Queryable, id: string): Promise<AgentSessionRow | null> {
  const [row] = await db.query<AgentSessionRow>('select * from agent_sessions where id = $1', [id]);
  return row ?? null;
}

/** A session by OpenClaw's key, on one gateway (the default one when not named). */
export async function getAgentSessionByKey(
  db: Queryable,
  key: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<AgentSessionRow | null> {
  const [row] = await db.query<AgentSessionRow>(
    'select * from agent_sessions where gateway_id = $1 and session_key = $2',
    [gatewayId, key],
  );
  return row ?? null;
}

/** The id and cost of the sessions of these keys that exist, by key (what a batch of runs or log lines needs). */
export async function getSessionIdsByKeys(
  db: Queryable,
  keys: readonly string[],
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<Map<string, Pick<AgentSessionRow, 'id' | 'cost_usd'>>> {
  const rows = keys.length
    ? await db.query<Pick<AgentSessionRow, 'id' | 'session_key' | 'cost_usd'>>(
        'select id, session_key, cost_usd from agent_sessions where gateway_id = $1 and session_key = any($2::text[])',
        [gatewayId, keys],
      )
    : [];
  return new Map(rows.map(({ session_key, ...r }) => [session_key, r]));
}

/** The session an OpenClaw transcript (named by its sessionId) belongs to; a cron run's own session first. */
export async function getAgentSessionByOpenclawId(
  db: Queryable,
  openclawSessionId: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<AgentSessionRow | null> {
  const [row] = await db.query<AgentSessionRow>(
    `select * from agent_sessions where openclaw_session_id = $1 and gateway_id = $2
      order by (session_key like '%:run:%') desc, updated_at desc limit 1`,
    [openclawSessionId, gatewayId],
  );
  return row ?? null;
}

export async function listAgentSessions(
  db: Queryable,
  params: {
    status?: AgentSessionStatus;
    type?: string;
    swarmId?: string;
    cursor?: string;
    limit?: number;
    gatewayId?: string;
  } = {},
): Promise<{ rows: AgentSessionRow[]; nextCursor: string | null }> {
  const limit = params.limit ?? 50;
  const [at, id] = params.cursor ? decodeCursor(params.cursor) : [];
  const rows = await db.query<AgentSessionRow & { cursor_at: string }>(
    `select *, ${cursorTime('last_activity_at')} as cursor_at from agent_sessions
      where ($1::text is null or status = $1) and ($2::text is null or agent_type = $2) and ($3::uuid is null or swarm_id = $3)
        and ($7::uuid is null or gateway_id = $7)
        and ($4::timestamptz is null or (last_activity_at, id) < ($4, $5::uuid))
      order by last_activity_at desc, id desc limit $6`,
    [
      params.status ?? null,
      params.type ?? null,
      params.swarmId ?? null,
      at ?? null,
      id ?? null,
      limit + 1,
      params.gatewayId ?? null,
    ],
  );
  const page = rows.slice(0, limit);
  return {
    rows: page.map(({ cursor_at: _c, ...r }) => r),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.cursor_at, page.at(-1)!.id) : null,
  };
}

/** A session and everything it spawned, depth first, with each node's depth below the root. */
export async function getSessionTree(db: Queryable, rootId: string): Promise<(AgentSessionRow & { depth: number })[]> {
  return db
    .query<AgentSessionRow & { depth: number }>(
      `with recursive tree as (
       select s.*, 0 as depth, array[s.started_at::text] as path from agent_sessions s where s.id = $1
       union all
       select c.*, t.depth + 1, t.path || c.started_at::text from agent_sessions c join tree t on c.parent_session_id = t.id where t.depth < 20)
     select * from tree order by path`,
      [rootId],
    )
    .then((rows) => rows.map(({ path: _p, ...r }: AgentSessionRow & { depth: number; path?: unknown }) => r));
}

/** The sessions running now (the active agents): one gateway's, or every gateway's. */
export async function countActiveSessions(db: Queryable, gatewayId?: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from agent_sessions where status = 'running' and ($1::uuid is null or gateway_id = $1)`,
    [gatewayId ?? null],
  );
  return row?.n ?? 0;
}

/** The OpenClaw agents the studio has seen sessions of. */
export async function listAgentIds(db: Queryable, { gatewayId }: { gatewayId?: string } = {}): Promise<string[]> {
  const rows = await db.query<{ agent_id: string }>(
    'select distinct agent_id from agent_sessions where agent_id is not null and ($1::uuid is null or gateway_id = $1) order by 1 limit 200',
    [gatewayId ?? null],
  );
  return rows.map((r) => r.agent_id);
}

/** Adds one model call's usage to a running session (OpenClaw reports the session's totals only at the end). */
export async function addRunningSessionUsage(
  tx: Queryable,
  id: string,
  u: { input: number; output: number; total: number; costUsd: number | null },
): Promise<void> {
  await tx.query(
    `update agent_sessions set
       token_usage = coalesce(token_usage, '{}'::jsonb) || jsonb_build_object(
         'input', coalesce((token_usage->>'input')::float8, 0) + $2,
         'output', coalesce((token_usage->>'output')::float8, 0) + $3,
         'total', coalesce((token_usage->>'total')::float8, 0) + $4),
       cost_usd = case when $5::float8 is null then cost_usd else coalesce(cost_usd, 0) + $5::float8 end,
       updated_at = now()
     -- once the gateway gives the session's own totals (they arrive live), they are the figures: a message's
     -- usage is already in them, or will be with the next row
     where id = $1 and status = 'running' and coalesce(token_usage->>'source', '') <> 'gateway'`,
    [id, u.input, u.output, u.total, u.costUsd],
  );
}
