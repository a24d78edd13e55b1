// The row writers every part of the mirror shares (the live events, the reconcile, the chat lines): runs with
// their sessions, one session row, the session ids of keys, and presence. They take a transaction and the
// gateway the rows are of, and know nothing of where the observation came from.
import { channelFor } from '@agent-studio/core';
import {
  appendEvent,
  createRootSessions,
  getAgentSessionByKey,
  getCheckpoint,
  getCronJobByExternalId,
  getCronJobsByExternalIds,
  getCronRunBySessionKey,
  getSessionIdsByKeys,
  setCheckpoint,
  setRunCostFromSession,
  setSessionArchive,
  settleRunSessions,
  upsertAgentSession,
  upsertCronRuns,
  type Db,
  type Queryable,
} from '@agent-studio/database';
import { presenceSchema, sessionRowSchema, type OcCronRun, type OcSession } from './schemas';
import { SOURCE, archiveOf, cronJobIdOfKey, runSessionInput, toAgentSessionInput, toCronRunInput } from './translate';

/** The database refused the data itself (SQLSTATE class 22 or 23), not the connection: retrying it as is cannot help. */
export const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** The session rows of a `sessions.list` page that can be read (one that cannot is skipped, never fatal). */
export const readableSessions = (rows: readonly unknown[]): OcSession[] =>
  rows.map((r) => sessionRowSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []));

/**
 * Runs and the sessions they ran in (from their `cron.runs` entries: the gateway lists only the latest run's
 * session). A run of a job we have not seen is skipped: the next reconcile brings both.
 */
export async function recordRuns(tx: Queryable, gatewayId: string, runs: readonly OcCronRun[]) {
  const jobs = await getCronJobsByExternalIds(tx, SOURCE, [...new Set(runs.map((r) => r.jobId))], gatewayId);
  const known = runs.filter((r) => jobs.has(r.jobId));
  const sessions = await getSessionIdsByKeys(
    tx,
    known.flatMap((r) => (r.sessionKey ? [r.sessionKey] : [])),
    gatewayId,
  );
  const results = await upsertCronRuns(
    tx,
    known.map((run) => ({
      ...toCronRunInput(jobs.get(run.jobId)!.id, run),
      costUsd: sessions.get(run.sessionKey ?? '')?.cost_usd ?? null,
    })),
  );
  // a finished run's session (if known) takes its start, tokens and end from the run: the gateway's record
  await settleRunSessions(
    tx,
    results.filter((r) => r.changed && sessions.has(r.row.session_key ?? '')).map((r) => r.row),
  );
  await createRootSessions(
    tx,
    known.flatMap((run) => {
      const job = jobs.get(run.jobId)!;
      const session = !sessions.has(run.sessionKey ?? '') && runSessionInput(run, job.name, job.id);
      return session ? [{ ...session, gatewayId }] : [];
    }),
  );
  return results;
}

/** One session row as the gateway lists it, with its job's cost and its run's start and end. */
export async function writeSession(tx: Queryable, gatewayId: string, s: OcSession) {
  const jobExternal = cronJobIdOfKey(s.key);
  const job = jobExternal ? await getCronJobByExternalId(tx, SOURCE, jobExternal, gatewayId) : null;
  const input = { ...toAgentSessionInput(s, job?.id ?? null), gatewayId };
  // a job's own row (see mirroredSessionKey) tells its latest run's tokens and cost, not how that run ended
  const known =
    input.sessionKey !== s.key && input.status === 'idle'
      ? await getAgentSessionByKey(tx, input.sessionKey, gatewayId)
      : null;
  if (known) Object.assign(input, { status: known.status, completedAt: known.completed_at });
  const { row } = await upsertAgentSession(tx, input);
  const archive = archiveOf(s);
  if (archive !== undefined) await setSessionArchive(tx, gatewayId, row.session_key, archive);
  if (job && row.cost_usd != null) await setRunCostFromSession(tx, row.session_key, row.cost_usd, gatewayId);
  // a finished run's session keeps the run's start, tokens and end, whenever the list is read again: first seen
  // after its run finished, or listed again after a crash mid-run (its row has the session's own start)
  const run = job ? await getCronRunBySessionKey(tx, row.session_key, gatewayId) : null;
  if (run) await settleRunSessions(tx, [run]);
}

/** The session ids of these keys; a session is created from its key alone when events arrive before the session list. */
export async function sessionIds(
  tx: Queryable,
  gatewayId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const ids = new Map([...(await getSessionIdsByKeys(tx, keys, gatewayId))].map(([key, s]) => [key, s.id]));
  const missing = keys.filter((k) => !ids.has(k));
  if (missing.length) {
    await createRootSessions(
      tx,
      missing.map((key) => ({
        ...toAgentSessionInput(
          { key, hasActiveRun: true, spawnDepth: key.includes(':subagent:') ? 1 : 0 } as OcSession,
          null,
        ),
        gatewayId,
      })),
    );
    // created now, or by another writer meanwhile
    for (const [key, s] of await getSessionIdsByKeys(tx, missing, gatewayId)) ids.set(key, s.id);
  }
  return ids;
}

export async function sessionId(tx: Queryable, gatewayId: string, key: string): Promise<string> {
  return (await sessionIds(tx, gatewayId, [key])).get(key)!;
}

/** Who is connected to the gateway (itself, operators, nodes), for health; an event when it changes. */
export async function recordPresence(db: Db, gatewayId: string, payload: unknown) {
  const entries = presenceSchema.parse(payload);
  const instances = entries.map((p) => ({
    host: p.host ?? null,
    mode: p.mode ?? null,
    version: p.version ?? null,
    platform: p.platform ?? null,
    lastSeen: p.ts ? new Date(p.ts).toISOString() : null,
  }));
  const key = (list: typeof instances) => JSON.stringify(list.map(({ lastSeen: _, ...rest }) => rest));
  await db.transaction(async (tx) => {
    const before = await getCheckpoint<{ instances: typeof instances }>(tx, 'gateway', 'presence', gatewayId);
    await setCheckpoint(tx, 'gateway', 'presence', { instances }, gatewayId);
    if (!before || key(before.instances) !== key(instances)) {
      await appendEvent(tx, channelFor.system(), 'gateway.presence', {
        instances: instances.map(({ host, mode, version }) => ({ host, mode, version })),
      });
    }
  });
}
