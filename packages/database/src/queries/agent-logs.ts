import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { runsOfDistinct } from './batch';
import { appendEvent, appendEvents } from './events';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'thought';

export interface AgentLogRow {
  id: string;
  seq: string;
  session_id: string | null;
  /** Set instead of session_id for a host-cron run's own output (`agent-studio exec`). */
  run_id: string | null;
  level: LogLevel;
  message: string;
  metadata: Record<string, unknown>;
  tool_name: string | null;
  tool_input: unknown;
  tool_output: unknown;
  tool_duration_ms: number | null;
  external_id: string | null;
  /** Its session's (or run's) gateway. */
  gateway_id: string;
  timestamp: Date;
}

export interface AgentLogInput {
  externalId: string;
  level: LogLevel;
  message: string;
  timestamp: Date;
  metadata?: Record<string, unknown>;
  toolName?: string | null;
  toolInput?: unknown;
  toolOutput?: unknown;
  toolDurationMs?: number | null;
}

/** Inserts the lines not seen before (by OpenClaw's id) and emits one `agent.log` per new line. */
export async function insertAgentLogs(
  tx: Queryable,
  sessionId: string,
  lines: readonly AgentLogInput[],
): Promise<number> {
  return (
    await insertSessionLogs(
      tx,
      lines.map((l) => ({ ...l, sessionId })),
    )
  ).length;
}

export type SessionLogInput = AgentLogInput & { sessionId: string };

/**
 * `insertAgentLogs` for lines of any sessions (a burst of chat messages), in a few statements whatever their
 * number; the `agent.log` events follow the lines' order. Returns the lines that were new, in that order.
 */
export async function insertSessionLogs(tx: Queryable, lines: readonly SessionLogInput[]): Promise<SessionLogInput[]> {
  const fresh: SessionLogInput[] = [];
  for (const run of runsOfDistinct(lines, (l) => `${l.sessionId} ${l.externalId}`))
    fresh.push(...(await insertDistinctLogs(tx, run)));
  await appendEvents(
    tx,
    fresh.map((l) => ({
      channel: channelFor.session(l.sessionId),
      type: 'agent.log',
      payload: { sessionId: l.sessionId, level: l.level, message: l.message, timestamp: l.timestamp.toISOString() },
    })),
  );
  return fresh;
}

/** Lines of which none is named twice. */
async function insertDistinctLogs(tx: Queryable, lines: readonly SessionLogInput[]): Promise<SessionLogInput[]> {
  const rows = await tx.query<{ session_id: string; external_id: string; fresh: boolean }>(
    `insert into agent_logs (session_id, external_id, level, message, metadata, tool_name, tool_input, tool_output, tool_duration_ms, timestamp,
                             gateway_id)
     select l.session_id, l.external_id, l.level, l.message, coalesce(l.metadata, '{}'::jsonb), l.tool_name, l.tool_input::jsonb,
            l.tool_output::jsonb, l.tool_duration_ms, l.timestamp,
            (select s.gateway_id from agent_sessions s where s.id = l.session_id) -- a line is on its session's gateway
       from rows from (jsonb_to_recordset($1::jsonb) as (session_id uuid, external_id text, level text, message text, metadata jsonb, tool_name text,
                                                       tool_input text, tool_output text, tool_duration_ms integer, timestamp timestamptz))
            with ordinality as l(session_id, external_id, level, message, metadata, tool_name, tool_input, tool_output, tool_duration_ms, timestamp, ord)
      order by l.ord -- seq follows the lines' order
     on conflict (session_id, external_id) do update set
       tool_output = coalesce(excluded.tool_output, agent_logs.tool_output),
       tool_duration_ms = coalesce(excluded.tool_duration_ms, agent_logs.tool_duration_ms),
       -- a tool call logged when it started is an error once its result says so
       level = case when excluded.level = 'error' then 'error' else agent_logs.level end
     where (excluded.tool_output is not null and agent_logs.tool_output is null) or (excluded.level = 'error' and agent_logs.level <> 'error')
     returning session_id, external_id, (xmax = 0) as fresh`,
    [
      JSON.stringify(
        lines.map((l) => ({
          session_id: l.sessionId,
          external_id: l.externalId,
          level: l.level,
          message: l.message,
          metadata: l.metadata,
          tool_name: l.toolName,
          tool_input: l.toolInput === undefined ? undefined : JSON.stringify(l.toolInput),
          tool_output: l.toolOutput === undefined ? undefined : JSON.stringify(l.toolOutput),
          tool_duration_ms: l.toolDurationMs,
          timestamp: l.timestamp,
        })),
      ),
    ],
  );
  // a tool's output filled in later is not a new line
  const fresh = new Set(rows.filter((r) => r.fresh).map((r) => `${r.session_id} ${r.external_id}`));
  return lines.filter((l) => fresh.has(`${l.sessionId} ${l.externalId}`));
}

export interface RunLogLine {
  /** The line's number in its run: re-importing the same line is a no-op. */
  seq: number;
  stream: 'stdout' | 'stderr';
  text: string;
  at: Date;
}

/**
 * Appends a host-cron run's output lines (stdout as info, stderr as warn). One `cron.run.log` event per call
 * (its newest line) is enough to wake the run's live log, which then reads every line from the table.
 */
export async function insertRunLogs(
  tx: Queryable,
  run: { id: string; job_id: string },
  lines: readonly RunLogLine[],
): Promise<number> {
  if (!lines.length) return 0;
  const rows = await tx.query<{ id: string }>(
    `insert into agent_logs (run_id, external_id, level, message, metadata, timestamp, gateway_id)
     select $1, l.seq::text, case l.stream when 'stderr' then 'warn' else 'info' end, l.text, jsonb_build_object('stream', l.stream), l.at,
            (select r.gateway_id from cron_runs r where r.id = $1) -- a line is on its run's gateway
       from jsonb_to_recordset($2::jsonb) as l(seq bigint, stream text, text text, at timestamptz)
      order by l.seq
     on conflict (run_id, external_id) do nothing
     returning id`,
    [run.id, JSON.stringify(lines)],
  );
  const last = lines.at(-1)!;
  if (rows.length)
    await appendEvent(tx, channelFor.job(run.job_id), 'cron.run.log', {
      runId: run.id,
      stream: last.stream,
      line: last.text.slice(0, 2000),
      timestamp: last.at.toISOString(),
    });
  return rows.length;
}

/** The lines of one session, or of one host-cron run (`runId`). */
export async function listAgentLogs(
  db: Queryable,
  params: {
    sessionId?: string;
    runId?: string;
    afterSeq?: string;
    beforeSeq?: string;
    limit?: number;
    levels?: LogLevel[];
    tool?: string;
    search?: string;
  },
): Promise<AgentLogRow[]> {
  const newestFirst = params.afterSeq === undefined;
  const rows = await db.query<AgentLogRow>(
    `select * from agent_logs
      where ${params.runId ? 'run_id' : 'session_id'} = $1 and ($2::bigint is null or seq > $2) and ($3::bigint is null or seq < $3)
        and ($4::text[] is null or level = any($4)) and ($5::text is null or tool_name = $5)
        and ($6::text is null or message ilike '%' || $6 || '%')
      order by seq ${newestFirst ? 'desc' : 'asc'} limit $7`,
    [
      params.runId ?? params.sessionId,
      params.afterSeq ?? null,
      params.beforeSeq ?? null,
      params.levels ?? null,
      params.tool ?? null,
      params.search ?? null,
      params.limit ?? 200,
    ],
  );
  return newestFirst ? rows.reverse() : rows;
}

export async function deleteOldAgentLogs(db: Queryable): Promise<void> {
  await db.query('select cleanup_old_agent_logs()');
}
