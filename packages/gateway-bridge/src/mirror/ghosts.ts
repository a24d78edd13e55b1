// Sessions the studio has as running that the gateway no longer runs (a gateway restart ends its runs without
// an end event; an end the studio missed while away) are settled from the gateway's end state, or their run's.
import {
  findJobRunAt,
  getCronJobByExternalId,
  getCronRunBySessionKey,
  linkRunSession,
  listRunningSessions,
  settleRunSessions,
  settleSession,
  type Db,
  type Queryable,
  type SessionEnd,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { LiveMarks, Step } from './live-order';
import { readableSessions } from './rows';
import { sessionsPageSchema, type OcSession } from './schemas';
import { SESSIONS_PAGE, listAllSessions } from './sessions';
import { SOURCE, cronJobIdOfKey, mirroredSessionKey, toAgentSessionInput } from './translate';

// a run's session is created within seconds of the run's start (2026.9.6: 0.5-1.4 s)
const RUN_MATCH_MS = 30_000;

/**
 * Settles the sessions the gateway no longer runs, with its end state or its run's, and the reason (issue 20,
 * item 1); one a live event touched since the gateway was asked is left. Returns the keys settled.
 */
export async function settleGhosts(
  db: Db,
  gatewayId: string,
  live: LiveMarks,
  gw: GatewayCalls,
  step: Step,
  listed: Map<string, OcSession>,
): Promise<string[]> {
  const asked = Date.now();
  const running = await listRunningSessions(db, gatewayId);
  if (!running.length) return [];
  const active = await activeSessionKeys(gw);
  const ghosts = running.filter(
    (s) => !active.has(s.session_key) && !live.since(s.session_key, asked) && s.last_activity_at.getTime() < asked,
  );
  if (!ghosts.length) return [];
  await step(() =>
    db.transaction(async (tx) => {
      for (const g of ghosts) await settleGhost(tx, gatewayId, g, listed.get(g.session_key));
    }),
  );
  return ghosts.map((g) => g.session_key);
}

/**
 * Ends a session the gateway no longer runs: as its run ended (a run the gateway restarted under is recorded
 * as "cron: job interrupted by gateway restart", without its session: found by job and time), else as its row
 * says, else (the row says nothing, as after a restart) as an error saying so.
 */
async function settleGhost(
  tx: Queryable,
  gatewayId: string,
  s: { session_key: string; cron_job_id: string | null; started_at: Date },
  row: OcSession | undefined,
) {
  const external = cronJobIdOfKey(s.session_key);
  const jobId =
    s.cron_job_id ?? (external ? ((await getCronJobByExternalId(tx, SOURCE, external, gatewayId))?.id ?? null) : null);
  const run = jobId
    ? ((await getCronRunBySessionKey(tx, s.session_key, gatewayId)) ??
      (await findJobRunAt(tx, jobId, s.started_at, RUN_MATCH_MS)))
    : null;
  if (run && run.status !== 'running') {
    if (!run.session_key) await linkRunSession(tx, run.id, s.session_key);
    await settleRunSessions(tx, [{ ...run, session_key: s.session_key }]);
    return;
  }
  const status = row ? toAgentSessionInput(row, null).status : 'idle';
  const at = new Date(row?.endedAt ?? row?.updatedAt ?? Date.now());
  const end: SessionEnd =
    status === 'completed' || status === 'cancelled' || status === 'error'
      ? { status, at, reason: null }
      : {
          status: 'error',
          at,
          reason: `${jobId ? 'The run' : 'The session'} ended without an end record: the gateway no longer runs it (it restarted, or the run was lost).`,
        };
  await settleSession(tx, s.session_key, end, gatewayId);
}

/** The keys of the sessions the gateway runs now (`activeOnly`; a gateway without it: every page, filtered). */
async function activeSessionKeys(gw: GatewayCalls): Promise<Set<string>> {
  const rows = await gw
    .request('sessions.list', { activeOnly: true, limit: SESSIONS_PAGE, includeGlobal: true })
    .then((r) => readableSessions(sessionsPageSchema.parse(r).sessions))
    .catch(async () => (await listAllSessions(gw, null)).rows);
  return new Set(rows.filter((s) => s.hasActiveRun).map(mirroredSessionKey));
}
