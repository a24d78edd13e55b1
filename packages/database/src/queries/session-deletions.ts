// A session OpenClaw deleted (migration 0043): its record stays, marked, under a key of its own.
import type { Queryable } from '../db';
import { sessionUpdated, setAsideKey, type AgentSessionRow } from './agent-sessions';
import { appendEvents } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

/**
 * Marks the session `sessionKey` as deleted by the gateway at `at`: its key takes a `#deleted-<time>` suffix (a
 * later session on the key is a row of its own), a session still going on is cancelled. Null when there is none.
 */
export async function markSessionDeleted(
  tx: Queryable,
  sessionKey: string,
  at: Date,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<AgentSessionRow | null> {
  const [row] = await tx.query<AgentSessionRow>(
    `update agent_sessions
        set session_key = ${setAsideKey('session_key', 'deleted', '$3')},
            removed_at = $3,
            status = case when status in ('running', 'paused') then 'cancelled' when status = 'idle' then 'completed' else status end,
            completed_at = coalesce(completed_at, $3), updated_at = now()
      where gateway_id = $1 and session_key = $2
      returning *`,
    [gatewayId, sessionKey, at],
  );
  if (!row) return null;
  await appendEvents(tx, [sessionUpdated(row)]);
  return row;
}

/**
 * The keys of a gateway's sessions the studio holds as still there (not deleted, not set aside by a reset) whose
 * last activity is before `before`: what a complete `sessions.list` asked at `before` must name.
 */
export async function listHeldSessionKeys(db: Queryable, gatewayId: string, before: Date): Promise<string[]> {
  const rows = await db.query<{ session_key: string }>(
    `select session_key from agent_sessions
      where gateway_id = $1 and removed_at is null and position('#' in session_key) = 0 and last_activity_at < $2`,
    [gatewayId, before],
  );
  return rows.map((r) => r.session_key);
}
