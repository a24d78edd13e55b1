// The fault tests' verdict: the database against the gateway's own lists (cron.list, cron.runs, sessions.list),
// nothing missing, nothing twice, and nothing the gateway no longer has. Call it once the gateway is quiet (no run
// in flight).
import assert from 'node:assert/strict';
import { listAgentSessions, listCronJobs, listCronRuns, type Db } from '@agent-studio/database';
import { until } from '@agent-studio/database/testing';
import type { GatewayCalls } from '../../src/commands/context';
import { abortedByOperator, cronJobIdOfKey, mirroredSessionKey } from '../../src/mirror/translate';

interface GatewayRun {
  jobId: string;
  runAtMs: number;
  status?: string;
  error?: string;
  sessionKey?: string;
}

/** Every run the gateway lists, all pages (`R`: the fields the caller reads of each). */
export async function gatewayRuns<R = GatewayRun>(gw: Pick<GatewayCalls, 'request'>): Promise<R[]> {
  const out: R[] = [];
  for (let offset = 0; ;) {
    const page = await gw.request<{ entries: R[]; hasMore?: boolean; nextOffset?: number | null }>('cron.runs', {
      scope: 'all',
      limit: 200,
      offset,
      sortDir: 'desc',
    });
    out.push(...page.entries);
    if (!page.hasMore || !page.entries.length) return out;
    offset = page.nextOffset ?? offset + page.entries.length;
  }
}

/** What the mirror holds and what the gateway says, side by side, for a failure message. */
export async function mirrorDiff(db: Db, gw: Pick<GatewayCalls, 'request'>) {
  const gwJobs = ((await gw.request<{ jobs: { id: string }[] }>('cron.list', { includeDisabled: true })).jobs ?? [])
    .map((j) => j.id)
    .sort();
  const jobs = await listCronJobs(db, { source: 'openclaw', includeRemoved: true });
  const dbJobs = jobs
    .filter((j) => !j.removed_at)
    .map((j) => j.external_id!)
    .sort();
  const externalOf = new Map(jobs.map((j) => [j.id, j.external_id!]));

  const runs = await gatewayRuns(gw);
  // an operator's or a budget's stop is an error the gateway words apart (see abortedByOperator)
  const outcome = (r: GatewayRun) =>
    r.status === 'ok' || r.status === 'skipped' ? 'completed' : abortedByOperator(r) ? 'cancelled' : 'failed';
  const gwRuns = runs.map((r) => `${r.jobId}@${r.runAtMs}:${outcome(r)}`).sort();
  const rows = (await listCronRuns(db, { limit: 100_000 })).rows.filter((r) => externalOf.has(r.job_id));
  const dbRuns = rows
    .map((r) => `${externalOf.get(r.job_id)}@${r.external_id}:${r.status === 'timeout' ? 'failed' : r.status}`)
    .sort();

  // the sessions listed (all pages, archived ones too), and each run's own session (listed or not)
  const listed: string[] = [];
  for (let offset = 0; ;) {
    const page = await gw.request<{
      sessions: { key: string; sessionId?: string }[];
      hasMore?: boolean;
      nextOffset?: number | null;
    }>('sessions.list', { limit: 500, offset, includeGlobal: true, archived: 'all', includeUnknown: true });
    listed.push(...(page.sessions ?? []).map(mirroredSessionKey));
    if (!page.hasMore || !page.sessions?.length) break;
    offset = page.nextOffset ?? offset + page.sessions.length;
  }
  const gwSessions = [...new Set([...listed, ...runs.flatMap((r) => (r.sessionKey ? [r.sessionKey] : []))])];
  const dbRows = (await listAgentSessions(db, { limit: 100_000 })).rows;
  const dbSessions = dbRows.map((s) => s.session_key);
  // held as still there (not marked deleted, not a conversation set aside by a reset), a run's session aside: the
  // gateway lists only a job's latest run's
  const dbHeld = dbRows
    .filter((s) => !s.removed_at && !s.session_key.includes('#') && !cronJobIdOfKey(s.session_key))
    .map((s) => s.session_key);
  return { gwJobs, dbJobs, gwRuns, dbRuns, gwSessions, dbSessions, dbHeld };
}

export async function assertMirrorMatches(
  db: Db,
  gw: Pick<GatewayCalls, 'request'>,
): Promise<{ jobs: number; runs: number; sessions: number }> {
  const d = await mirrorDiff(db, gw);
  assert.deepEqual(d.dbJobs, d.gwJobs, 'cron_jobs = cron.list');
  assert.deepEqual(d.dbRuns, d.gwRuns, 'cron_runs = cron.runs (each run once, with its outcome; none left running)');
  const missing = d.gwSessions.filter((k) => !d.dbSessions.includes(k));
  assert.deepEqual(missing, [], 'every session of sessions.list and of cron.runs is in agent_sessions');
  assert.equal(new Set(d.dbSessions).size, d.dbSessions.length, 'no session twice');
  const unlisted = d.dbHeld.filter((k) => !d.gwSessions.includes(k));
  assert.deepEqual(unlisted, [], 'no session the gateway no longer lists is held as still there');
  return { jobs: d.gwJobs.length, runs: d.gwRuns.length, sessions: d.gwSessions.length };
}

/** Waits for the mirror to catch up, then asserts it matches; the counts compared. */
export async function mirrorCatchesUp(db: Db, gw: Pick<GatewayCalls, 'request'>) {
  await until('the mirror to match the gateway', async () => {
    const d = await mirrorDiff(db, gw);
    return (
      JSON.stringify([d.dbJobs, d.dbRuns]) === JSON.stringify([d.gwJobs, d.gwRuns]) &&
      d.gwSessions.every((k) => d.dbSessions.includes(k)) &&
      d.dbHeld.every((k) => d.gwSessions.includes(k))
    );
  }).catch(() => {}); // the assertion says what differs
  return assertMirrorMatches(db, gw);
}
