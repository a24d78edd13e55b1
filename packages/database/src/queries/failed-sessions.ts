import type { Queryable } from '../db';

export interface FailedSessionRow {
  id: string;
  agent_name: string;
  agent_type: string;
  session_key: string;
  /** When it ended in error (its last activity when OpenClaw gave no end). */
  ended_at: Date;
  /** Why, in OpenClaw's words: see `listFailedSessions`. Null when nothing says. */
  error: string | null;
  /** The output of the tool whose failure is that error line, as text (cut to 4,000 characters). */
  error_detail: string | null;
  gateway_id: string;
}

/**
 * Agent sessions that ended in error since `since` (sub-agents, chats, swarm roots), newest first, for failure
 * analysis beside the failed runs. A cron run's own session is left out: its failure is its run's.
 *
 * The error text is the session's newest error-level log line: what OpenClaw says when a run ends in error
 * (the agent lifecycle's `error`, a provider error, a tool result marked as an error). A sub-agent with no such
 * line has its task's terminal summary in progress_message, which OpenClaw fills with the error; for other
 * sessions progress_message is only the last message's preview (a chat's own question, seen on a real
 * gateway), so it is never taken as an error.
 */
export async function listFailedSessions(
  db: Queryable,
  params: { since: Date; limit?: number; gatewayId?: string },
): Promise<FailedSessionRow[]> {
  return db.query<FailedSessionRow>(
    `select s.id, s.agent_name, s.agent_type, s.session_key, coalesce(s.completed_at, s.last_activity_at) as ended_at,
            coalesce(l.message, case when s.agent_type = 'subagent' then nullif(trim(s.progress_message), '') end) as error,
            left(l.tool_output #>> '{}', 4000) as error_detail, s.gateway_id
       from agent_sessions s
       left join lateral (select message, tool_output from agent_logs
                           where session_id = s.id and level = 'error' order by seq desc limit 1) l on true
      where s.status = 'error' and s.agent_type <> 'cron' and s.cron_job_id is null
        -- last_activity_at never precedes the end: it bounds the scan by its index
        and s.last_activity_at >= $1 and coalesce(s.completed_at, s.last_activity_at) >= $1
        and ($3::uuid is null or s.gateway_id = $3)
      order by ended_at desc, s.id desc limit $2`,
    [params.since, params.limit ?? 5000, params.gatewayId ?? null],
  );
}
