// A session OpenClaw archived (migration 0044): still there and restorable, out of its default lists.
import type { Queryable } from '../db';
import { sessionUpdated, type AgentSessionRow } from './agent-sessions';
import { appendEvents } from './events';

/** Archived since `at`, for `reason` as OpenClaw names it ('manual', 'age-retention', …); null: not archived. */
export type SessionArchive = { at: Date; reason: string | null } | null;

/** Sets the archive state of the session `sessionKey` as the gateway lists it; an event only when it changed. */
export async function setSessionArchive(
  tx: Queryable,
  gatewayId: string,
  sessionKey: string,
  archive: SessionArchive,
): Promise<boolean> {
  const [row] = await tx.query<Pick<AgentSessionRow, 'id' | 'status' | 'progress_percent'>>(
    `update agent_sessions set archived_at = $3, archive_reason = $4, updated_at = now()
      where gateway_id = $1 and session_key = $2 and (archived_at, archive_reason) is distinct from ($3::timestamptz, $4::text)
      returning id, status, progress_percent`,
    [gatewayId, sessionKey, archive?.at ?? null, archive?.reason ?? null],
  );
  if (!row) return false;
  await appendEvents(tx, [sessionUpdated(row)]);
  return true;
}

/** The keys of a gateway's sessions the studio shows as archived. */
export async function listArchivedSessionKeys(db: Queryable, gatewayId: string): Promise<Set<string>> {
  const rows = await db.query<{ session_key: string }>(
    'select session_key from agent_sessions where gateway_id = $1 and archived_at is not null',
    [gatewayId],
  );
  return new Set(rows.map((r) => r.session_key));
}
