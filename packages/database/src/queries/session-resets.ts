// A session OpenClaw reset (migration 0042): the conversation before the reset becomes a session of its own, so
// the key's session holds what the gateway's `chat.history` answers, and nothing of the earlier one is lost.
import type { Queryable } from '../db';
import { sessionCreated, sessionUpdated, setAsideKey, type AgentSessionRow } from './agent-sessions';
import { appendEvents } from './events';

/**
 * Splits session `sessionId` at a reset OpenClaw marked at `at`: its lines from before `at` move to a new session,
 * ended at `at`, that keeps the session's start and is priced from those lines' model usage (the gateway lists
 * only the new conversation's); the session itself starts at `at`. Returns the earlier conversation's session, or
 * null when there is nothing before `at` (a reset already split, or one before the studio saw the session).
 */
export async function splitSessionAtReset(tx: Queryable, sessionId: string, at: Date): Promise<AgentSessionRow | null> {
  const [session] = await tx.query<AgentSessionRow>(
    `select * from agent_sessions where id = $1 and started_at < $2 for update`,
    [sessionId, at],
  );
  if (!session) return null;
  const [earlier] = await tx.query<AgentSessionRow>(
    `with lines as (
       select count(*) as n, max(timestamp) as last_at,
              sum((metadata->'usage'->>'input')::numeric) as input, sum((metadata->'usage'->>'output')::numeric) as output,
              sum((metadata->'usage'->>'costUsd')::numeric) as cost
         from agent_logs where session_id = $1 and timestamp < $2),
     -- what the conversation ended with, as the gateway's list previews a session (the key's preview is the new one's)
     last_reply as (
       select substr(message, length('assistant: ') + 1) as text from agent_logs
        where session_id = $1 and timestamp < $2 and metadata->>'role' = 'assistant' order by timestamp desc limit 1)
     insert into agent_sessions (gateway_id, session_key, agent_name, agent_type, status, source, agent_id, openclaw_session_id,
                                 parent_session_key, parent_session_id, swarm_id, spawn_depth, task_description, progress_message,
                                 started_at, last_activity_at, completed_at, progress_percent, token_usage, cost_usd, model, provider,
                                 cron_job_id, continued_by)
     select s.gateway_id, ${setAsideKey('s.session_key', 'before', '$2')},
            s.agent_name, s.agent_type, 'completed', s.source, s.agent_id, s.openclaw_session_id, s.parent_session_key,
            s.parent_session_id, s.swarm_id, s.spawn_depth, s.task_description, (select text from last_reply), s.started_at,
            l.last_at, $2, 100,
            case when l.input is null and l.output is null then '{}'::jsonb
                 else jsonb_build_object('input', coalesce(l.input, 0), 'output', coalesce(l.output, 0),
                                         'total', coalesce(l.input, 0) + coalesce(l.output, 0)) end,
            l.cost, s.model, s.provider, s.cron_job_id, s.id
       from agent_sessions s, lines l
      where s.id = $1 and l.n > 0
     returning *`,
    [sessionId, at],
  );
  await tx.query(`update agent_sessions set started_at = $2, updated_at = now() where id = $1`, [sessionId, at]);
  if (!earlier) return null;
  await tx.query(`update agent_logs set session_id = $3 where session_id = $1 and timestamp < $2`, [
    sessionId,
    at,
    earlier.id,
  ]);
  await appendEvents(tx, [sessionCreated(earlier), sessionUpdated(session)]);
  return earlier;
}

/** The conversations a session's key held before OpenClaw reset it, newest first. */
export async function listEarlierConversations(
  db: Queryable,
  sessionId: string,
): Promise<Pick<AgentSessionRow, 'id' | 'started_at' | 'completed_at'>[]> {
  return db.query(
    `select id, started_at, completed_at from agent_sessions where continued_by = $1 order by started_at desc limit 20`,
    [sessionId],
  );
}
