import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { appendEvent } from './events';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'thought';

export interface AgentLogRow {
  id: string;
  seq: string;
  session_id: string;
  level: LogLevel;
  message: string;
  metadata: Record<string, unknown>;
  tool_name: string | null;
  tool_input: unknown;
  tool_output: unknown;
  tool_duration_ms: number | null;
  external_id: string | null;
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
export async function insertAgentLogs(tx: Queryable, sessionId: string, lines: readonly AgentLogInput[]): Promise<number> {
  let inserted = 0;
  for (const l of lines) {
    const [row] = await tx.query<{ id: string; fresh: boolean }>(
      `insert into agent_logs (session_id, external_id, level, message, metadata, tool_name, tool_input, tool_output, tool_duration_ms, timestamp)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (session_id, external_id) do update set
         tool_output = coalesce(excluded.tool_output, agent_logs.tool_output),
         tool_duration_ms = coalesce(excluded.tool_duration_ms, agent_logs.tool_duration_ms)
       where excluded.tool_output is not null and agent_logs.tool_output is null
       returning (xmax = 0) as fresh, id`,
      [sessionId, l.externalId, l.level, l.message, JSON.stringify(l.metadata ?? {}), l.toolName ?? null,
       l.toolInput === undefined ? null : JSON.stringify(l.toolInput), l.toolOutput === undefined ? null : JSON.stringify(l.toolOutput),
       l.toolDurationMs ?? null, l.timestamp],
    );
    if (!row?.fresh) continue; // seen before (a tool's output filled in later is not a new line)
    inserted++;
    await appendEvent(tx, channelFor.session(sessionId), 'agent.log', { sessionId, level: l.level, message: l.message, timestamp: l.timestamp.toISOString() });
  }
  return inserted;
}

export async function listAgentLogs(
  db: Queryable,
  params: { sessionId: string; afterSeq?: string; beforeSeq?: string; limit?: number; levels?: LogLevel[]; tool?: string; search?: string },
): Promise<AgentLogRow[]> {
  const newestFirst = params.afterSeq === undefined;
  const rows = await db.query<AgentLogRow>(
    `select * from agent_logs
      where session_id = $1 and ($2::bigint is null or seq > $2) and ($3::bigint is null or seq < $3)
        and ($4::text[] is null or level = any($4)) and ($5::text is null or tool_name = $5)
        and ($6::text is null or message ilike '%' || $6 || '%')
      order by seq ${newestFirst ? 'desc' : 'asc'} limit $7`,
    [params.sessionId, params.afterSeq ?? null, params.beforeSeq ?? null, params.levels ?? null, params.tool ?? null, params.search ?? null, params.limit ?? 200],
  );
  return newestFirst ? rows.reverse() : rows;
}

export async function deleteOldAgentLogs(db: Queryable): Promise<void> {
  await db.query('select cleanup_old_agent_logs()');
}
