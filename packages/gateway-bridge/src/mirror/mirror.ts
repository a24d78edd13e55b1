// Projects gateway observations into the database: each one an idempotent upsert plus its event, in one
// transaction (DESIGN.md "Project"). Reconciles from the gateway's lists after every (re)connect.
import { channelFor } from '@agent-studio/core';
import type { z } from 'zod';
import {
  addRunningSessionUsage,
  appendEvent,
  findJobRunAt,
  getCronRunBySessionKey,
  linkRunSession,
  listRunningSessions,
  settleRunSessions,
  settleSession,
  type SessionEnd,
  createRootSessions,
  getAgentSessionByKey,
  getSessionIdsByKeys,
  getCheckpoint,
  getCronJobByExternalId,
  getCronJobsByExternalIds,
  insertAgentLogs,
  insertSessionLogs,
  listCronJobs,
  markCronJobRemoved,
  setCheckpoint,
  setRunCostFromSession,
  upsertAgentSession,
  upsertCronJob,
  upsertCronRuns,
  type AgentLogInput,
  type AgentSessionStatus,
  type Db,
  type Queryable,
  type SessionLogInput,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { GatewayEvent } from '../gateway/client';
import type { Logger } from '../logger';
import { backfillHistory } from './backfill';
import {
  agentEventSchema,
  cronEventSchema,
  cronJobSchema,
  cronRunSchema,
  cronRunsPageSchema,
  presenceSchema,
  sessionMessageSchema,
  sessionRowSchema,
  sessionsPageSchema,
  taskEventSchema,
  type OcCronRun,
  type OcSession,
} from './schemas';
import {
  SOURCE,
  cronJobIdOfKey,
  messageLine,
  mirroredSessionKey,
  runSessionInput,
  toAgentSessionInput,
  toCronJobInput,
  toCronRunInput,
  type MessageLine,
} from './translate';

/** Runs a database write in turn with the live events (see GatewayConnection.step). */
export type Step = <T>(write: () => Promise<T>) => Promise<T>;

const RUNS_PAGE = 200;
const SESSIONS_PAGE = 500;
// 200 pages of 500: a bound, not a limit anyone meets
const MAX_SESSION_PAGES = 200;
// sessions written per step of a reconcile: a live event waits for one step at most
const SESSIONS_PER_STEP = 1;
// sessions updated this close before the last pass are listed again (clocks, a pass that ended mid-update)
const SESSIONS_OVERLAP_MS = 10 * 60_000;
// transcripts read again after an outage: the sessions active since the last pass, less this overlap
const BACKFILL_OVERLAP_MS = 5 * 60_000;
// a run's session is created within seconds of the run's start (2026.9.6: 0.5-1.4 s)
const RUN_MATCH_MS = 30_000;
// on the very first connect, the transcripts of the sessions active in the last week
const FIRST_BACKFILL_MS = 7 * 86_400_000;
// Runs seen this close to the checkpoint are fetched again: a run that started before it may finish after.
const RUN_OVERLAP_MS = 6 * 3_600_000;
// chat messages written in one transaction at most
const LOG_BATCH = 500;
/** The session rows of a `sessions.list` page that can be read (one that cannot is skipped, never fatal). */
const readableSessions = (rows: readonly unknown[]): OcSession[] =>
  rows.map((r) => sessionRowSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []));
/** The database refused the data itself (SQLSTATE class 22 or 23), not the connection: retrying it as is cannot help. */
const isDataError = (err: unknown) => /^2[23]/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** 2026.9.6 task statuses: queued, running, succeeded, failed, timed_out, cancelled, lost. */
const TASK_STATUS: Record<string, AgentSessionStatus> = {
  running: 'running',
  succeeded: 'completed',
  completed: 'completed',
  failed: 'error',
  error: 'error',
  timed_out: 'error',
  lost: 'error',
  cancelled: 'cancelled',
};

export class GatewayMirror {
  /** The `updatedAt` of each session as last written from the gateway's list. */
  private readonly sessionsSeen = new Map<string, number>();
  /** When a live event last touched a session (by key) or a job (`job:<id>`): a snapshot asked before is older. */
  private readonly liveAt = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /**
   * Everything the gateway lists, so what happened while we were away is not missing. The gateway is asked
   * outside `step`, and every write goes through it: the caller runs steps in turn with live events, so a slow
   * gateway call or a long list never holds the live feed back (issue 20, item 6).
   */
  async reconcile(gw: GatewayCalls, step: Step = (w) => w(), opts: { afterConnect?: boolean } = {}): Promise<void> {
    const started = Date.now();
    if (gw.supports('system-presence')) {
      // presence is for the health strip, first (the rest of a first pass may take a while): its failure must not
      // stop the mirror from catching up
      await gw.request('system-presence', {}).then(
        (p) => step(() => this.recordPresence(p)),
        (err) => this.logger.warn('gateway: system-presence not read', err),
      );
    }
    const jobs = await this.reconcileJobs(gw, step);
    const runs = await this.reconcileRuns(gw, step);
    const sessions = gw.supports('sessions.list')
      ? await this.reconcileSessions(gw, step)
      : { listed: 0, touched: [], rows: new Map<string, OcSession>() };
    const settled = gw.supports('sessions.list') ? await this.settleGhosts(gw, step, sessions.rows) : [];
    if (opts.afterConnect && gw.supports('chat.history')) {
      // the transcripts of what was active while the studio was away (or the gateway restarted)
      const wanted = new Set([...sessions.touched, ...runs.sessionKeys, ...settled]);
      const asks = [...sessions.rows].filter(([key]) => wanted.has(key)).map(([key, s]) => ({ ask: s.key, key }));
      await backfillHistory(this, gw, step, asks, this.logger);
    }
    this.logger.info(
      `reconciled with the gateway in ${Date.now() - started} ms: ${jobs} jobs, ${runs.count} runs, ${sessions.listed} sessions${settled.length ? `, ${settled.length} settled` : ''}`,
    );
  }

  /** True when a live event about `key` arrived at or after `since` (the snapshot read before it is older). */
  private liveSince(key: string, since: number) {
    return (this.liveAt.get(key) ?? -Infinity) >= since;
  }

  private touch(key: string) {
    this.liveAt.set(key, Date.now());
  }

  private async reconcileJobs(gw: GatewayCalls, step: Step): Promise<number> {
    const asked = Date.now();
    const res = (await gw.request<{ jobs?: unknown[] }>('cron.list', { includeDisabled: true })).jobs ?? [];
    const jobs = res
      .map((raw) => cronJobSchema.safeParse(raw))
      .flatMap((job) => {
        if (job.success) return [job.data];
        this.logger.warn('gateway: a cron job could not be read; skipped', job.error.issues[0]);
        return [];
      });
    const seen = new Set(jobs.map((j) => j.id));
    await step(() =>
      this.db.transaction(async (tx) => {
        // a job a live event changed (or added) since the list was asked for is newer than the list
        for (const job of jobs)
          if (!this.liveSince(`job:${job.id}`, asked)) await upsertCronJob(tx, toCronJobInput(job));
        for (const known of await listCronJobs(tx, { source: SOURCE })) {
          if (known.external_id && !seen.has(known.external_id) && !this.liveSince(`job:${known.external_id}`, asked))
            await markCronJobRemoved(tx, SOURCE, known.external_id);
        }
      }),
    );
    return seen.size;
  }

  /** Pages `cron.runs` newest first until it reaches the checkpoint (less an overlap). */
  private async reconcileRuns(gw: GatewayCalls, step: Step): Promise<{ count: number; sessionKeys: string[] }> {
    const checkpoint = (await getCheckpoint<{ runAtMs: number }>(this.db, SOURCE, 'cron.runs'))?.runAtMs ?? 0;
    const stopAt = checkpoint - RUN_OVERLAP_MS;
    let newest = checkpoint;
    let count = 0;
    const sessionKeys: string[] = [];
    for (let offset = 0; ; offset += RUNS_PAGE) {
      const page = cronRunsPageSchema.parse(
        await gw.request('cron.runs', { scope: 'all', limit: RUNS_PAGE, offset, sortDir: 'desc' }),
      );
      const runs = page.entries.map((raw) => cronRunSchema.safeParse(raw)).flatMap((r) => (r.success ? [r.data] : []));
      const reachedCheckpoint = runs.some((r) => r.runAtMs < stopAt);
      for (const r of runs) {
        newest = Math.max(newest, r.runAtMs);
        // the runs since the checkpoint: their sessions' transcripts are read again after an outage
        if (r.sessionKey && r.runAtMs >= checkpoint - BACKFILL_OVERLAP_MS) sessionKeys.push(r.sessionKey);
      }
      // a page in one transaction and a few statements: a backlog of thousands stays quick
      count += await step(() =>
        this.db.transaction(async (tx) => (await this.recordRuns(tx, runs)).filter((r) => r.changed).length),
      );
      if (reachedCheckpoint || !page.hasMore || !page.entries.length) break;
    }
    await step(() => setCheckpoint(this.db, SOURCE, 'cron.runs', { runAtMs: newest }));
    return { count, sessionKeys };
  }

  /**
   * The gateway's sessions, every page of them the first time, then those updated since the last pass (less
   * an overlap); written a few at a time. Returns the keys of those listed as updated since the last pass.
   */
  async reconcileSessions(
    gw: GatewayCalls,
    step: Step = (w) => w(),
  ): Promise<{ listed: number; touched: string[]; rows: Map<string, OcSession> }> {
    const checkpoint =
      (await getCheckpoint<{ updatedAtMs: number }>(this.db, SOURCE, 'sessions.list'))?.updatedAtMs ?? null;
    const asked = Date.now();
    const rows = await this.listAllSessions(gw, checkpoint == null ? null : checkpoint - SESSIONS_OVERLAP_MS);
    const changed = rows.filter((s) => s.updatedAt == null || this.sessionsSeen.get(s.key) !== s.updatedAt);
    await this.recordSessionsInSteps(changed, step, asked);
    const newest = Math.max(checkpoint ?? 0, ...rows.map((s) => s.updatedAt ?? 0));
    await step(() => setCheckpoint(this.db, SOURCE, 'sessions.list', { updatedAtMs: newest }));
    const since = checkpoint == null ? Date.now() - FIRST_BACKFILL_MS : checkpoint - BACKFILL_OVERLAP_MS;
    return {
      listed: rows.length,
      touched: rows.filter((s) => (s.updatedAt ?? Infinity) >= since).map(mirroredSessionKey),
      rows: new Map(rows.map((s) => [mirroredSessionKey(s), s])),
    };
  }

  /**
   * `sessions.list` page by page (newest update first), down to `since` (all of them when null), parents first.
   * The default sort is by update time, so a pass can stop at the first page older than the last one.
   */
  private async listAllSessions(gw: GatewayCalls, since: number | null): Promise<OcSession[]> {
    const rows: OcSession[] = [];
    for (let offset = 0, pages = 0; pages < MAX_SESSION_PAGES; pages++) {
      const res = sessionsPageSchema.parse(
        await gw.request('sessions.list', { limit: SESSIONS_PAGE, offset, includeGlobal: true }),
      );
      const page = readableSessions(res.sessions);
      rows.push(...page);
      const older = since != null && page.some((s) => s.updatedAt != null && s.updatedAt < since);
      if (older || !res.hasMore || !res.sessions.length) break;
      offset = res.nextOffset ?? offset + res.sessions.length;
    }
    // parents first, so children link at once
    return [...new Map(rows.map((s) => [s.key, s])).values()].sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
  }

  /** The gateway's sessions changed since they were last written, of its first page (what a finished run touched). */
  async listSessions(gw: GatewayCalls): Promise<{ listed: number; changed: OcSession[]; asked: number }> {
    const asked = Date.now();
    const res = sessionsPageSchema.parse(
      await gw.request('sessions.list', { limit: SESSIONS_PAGE, includeGlobal: true }),
    );
    const rows = readableSessions(res.sessions);
    rows.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
    // the list is read often (after runs finish): rows unchanged since the last read are not written again
    return {
      listed: rows.length,
      changed: rows.filter((s) => s.updatedAt == null || this.sessionsSeen.get(s.key) !== s.updatedAt),
      asked,
    };
  }

  /**
   * Sessions the studio has as running that the gateway no longer runs (a gateway restart ends its runs without
   * an end event; an end the studio missed while away) get the gateway's end state, or its run's, and the reason
   * (issue 20, item 1). Returns the keys settled.
   */
  async settleGhosts(gw: GatewayCalls, step: Step, listed: Map<string, OcSession>): Promise<string[]> {
    const asked = Date.now();
    const running = await listRunningSessions(this.db);
    if (!running.length) return [];
    const active = await this.activeSessionKeys(gw);
    const ghosts = running.filter(
      (s) =>
        !active.has(s.session_key) && !this.liveSince(s.session_key, asked) && s.last_activity_at.getTime() < asked,
    );
    if (!ghosts.length) return [];
    await step(() =>
      this.db.transaction(async (tx) => {
        for (const g of ghosts) await this.settleGhost(tx, g, listed.get(g.session_key));
      }),
    );
    return ghosts.map((g) => g.session_key);
  }

  /**
   * Ends a session the gateway no longer runs: as its run ended (a run the gateway restarted under is recorded
   * as "cron: job interrupted by gateway restart", without its session: found by job and time), else as its row
   * says, else (the row says nothing, as after a restart) as an error saying so.
   */
  private async settleGhost(
    tx: Queryable,
    s: { session_key: string; cron_job_id: string | null; started_at: Date },
    row: OcSession | undefined,
  ) {
    const external = cronJobIdOfKey(s.session_key);
    const jobId =
      s.cron_job_id ?? (external ? ((await getCronJobByExternalId(tx, SOURCE, external))?.id ?? null) : null);
    const run = jobId
      ? ((await getCronRunBySessionKey(tx, s.session_key)) ??
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
    await settleSession(tx, s.session_key, end);
  }

  /** The keys of the sessions the gateway runs now (`activeOnly`; a gateway without it: every page, filtered). */
  private async activeSessionKeys(gw: GatewayCalls): Promise<Set<string>> {
    const rows = await gw
      .request('sessions.list', { activeOnly: true, limit: SESSIONS_PAGE, includeGlobal: true })
      .then((r) => readableSessions(sessionsPageSchema.parse(r).sessions))
      .catch(() => this.listAllSessions(gw, null));
    return new Set(rows.filter((s) => s.hasActiveRun).map(mirroredSessionKey));
  }

  /**
   * Writes sessions a step each, so a live event waits for one session's write at most (the bench's target:
   * live event → row p99 under 50 ms while 2,000 are written). A session a live event changed since the list
   * was `asked` for is newer than the list: left to the next pass.
   */
  async recordSessionsInSteps(sessions: readonly OcSession[], step: Step, asked: number): Promise<void> {
    for (let i = 0; i < sessions.length; i += SESSIONS_PER_STEP)
      await step(() => this.recordSessions(sessions.slice(i, i + SESSIONS_PER_STEP), asked));
  }

  /**
   * Writes sessions in one transaction (one commit, not one each); when the database refuses one, one by one.
   * `asked`: when the gateway was asked for them; a session a live event touched since is newer than that.
   */
  async recordSessions(all: readonly OcSession[], asked?: number): Promise<void> {
    const sessions = asked == null ? all : all.filter((s) => !this.liveSince(mirroredSessionKey(s), asked));
    try {
      await this.db.transaction(async (tx) => {
        for (const s of sessions) await this.writeSession(tx, s);
      });
    } catch (err) {
      if (!isDataError(err)) throw err;
      for (const s of sessions) {
        await this.recordSession(s).then(
          () => this.markSeen([s]),
          (e) => this.logger.warn(`gateway: session ${s.key} not mirrored`, e),
        );
      }
      return;
    }
    this.markSeen(sessions);
  }

  // only rows from the list: a live update may lack what the list has (the cost)
  private markSeen(sessions: readonly OcSession[]) {
    for (const s of sessions) if (s.updatedAt != null) this.sessionsSeen.set(s.key, s.updatedAt);
  }

  /**
   * Live gateway events, in order. Chat messages that follow each other are written together (a burst of
   * them would otherwise cost a transaction each). A record that cannot be read or written is logged and
   * skipped, never fatal; false then, so the caller catches up from the gateway's lists.
   */
  async handleAll(events: readonly GatewayEvent[]): Promise<boolean> {
    let ok = true;
    let lines: MessageLine[] = [];
    const flush = async () => {
      if (lines.length) ok = (await this.writeLines(lines)) && ok;
      lines = [];
    };
    for (const e of events) {
      if (e.event === 'session.message') {
        const m = this.liveMessageLine(e.payload);
        if (m) lines.push(m);
        if (lines.length < LOG_BATCH) continue;
      }
      await flush();
      if (e.event !== 'session.message') ok = (await this.handle(e)) && ok;
    }
    await flush();
    return ok;
  }

  private async writeLines(lines: MessageLine[]): Promise<boolean> {
    try {
      await this.insertLines(lines);
      return true;
    } catch (err) {
      // a line the database refuses must not take the others with it: they are written one by one
      if (isDataError(err) && lines.length > 1) {
        let ok = true;
        for (const l of lines) ok = (await this.writeLines([l])) && ok;
        return ok;
      }
      this.logger.warn(
        `gateway: ${lines.length === 1 ? `a chat message of ${lines[0]!.key}` : `${lines.length} chat messages`} not mirrored`,
        err,
      );
      return false;
    }
  }

  /** Lines read back from the gateway's history; the number that were missing. */
  async writeHistory(lines: MessageLine[]): Promise<number> {
    return this.insertLines(lines);
  }

  private async insertLines(lines: MessageLine[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = await this.sessionIds(tx, [...new Set(lines.map((l) => l.key))]);
      const usage = new Map<SessionLogInput, NonNullable<MessageLine['usage']>>();
      const rows = lines.map((l) => {
        const row = { ...l.line, sessionId: ids.get(l.key)! };
        if (l.usage) usage.set(row, l.usage);
        return row;
      });
      // a model call's usage counts once (its message is new), so budgets see a running session's spending
      // before OpenClaw's end-of-run totals
      const spent = new Map<string, NonNullable<MessageLine['usage']>>();
      const fresh = await insertSessionLogs(tx, rows);
      for (const row of fresh) {
        const u = usage.get(row);
        if (!u) continue;
        const sum = spent.get(row.sessionId) ?? { input: 0, output: 0, total: 0, costUsd: null };
        spent.set(row.sessionId, {
          input: sum.input + u.input,
          output: sum.output + u.output,
          total: sum.total + u.total,
          costUsd: u.costUsd == null ? sum.costUsd : (sum.costUsd ?? 0) + u.costUsd,
        });
      }
      for (const [sessionId, u] of spent) await addRunningSessionUsage(tx, sessionId, u);
      return fresh.length;
    });
  }

  private async handle(e: GatewayEvent): Promise<boolean> {
    try {
      switch (e.event) {
        case 'cron':
          await this.onCron(e.payload);
          break;
        case 'sessions.changed': {
          const p = e.payload as { session?: unknown };
          const s = sessionRowSchema.safeParse(p?.session);
          if (s.success) {
            this.touch(mirroredSessionKey(s.data));
            await this.recordSession(s.data);
          }
          break;
        }
        // 2026.9.6 streams tool activity to session subscribers as `session.tool` (same payload as an
        // `agent` event with stream 'tool'), not as `agent` events
        case 'agent':
        case 'session.tool':
          await this.onAgent(e.payload);
          break;
        case 'task':
          await this.onTask(e.payload);
          break;
        case 'presence':
          await this.recordPresence(e.payload);
          break;
      }
      return true;
    } catch (err) {
      this.logger.warn(`gateway: ${e.event} event not mirrored`, err);
      return false;
    }
  }

  private async onCron(payload: unknown) {
    const ev = cronEventSchema.parse(payload);
    this.touch(`job:${ev.jobId}`);
    if (ev.action === 'removed') {
      await this.db.transaction((tx) => markCronJobRemoved(tx, SOURCE, ev.jobId));
      return;
    }
    const job = cronJobSchema.safeParse(ev.job);
    const run =
      (ev.action === 'started' || ev.action === 'finished') && ev.runAtMs
        ? cronRunSchema.safeParse(ev.action === 'started' ? { jobId: ev.jobId, runAtMs: ev.runAtMs } : payload)
        : null;
    // one transaction: a live run is in the database as soon as possible
    await this.db.transaction(async (tx) => {
      if (job.success) await upsertCronJob(tx, toCronJobInput(job.data));
      if (!run?.success) return;
      // the runs checkpoint is moved by the reconcile (every minute), which reads back past it anyway
      await this.recordRuns(tx, [run.data]);
    });
    if (run?.error) throw run.error;
  }

  /** Who is connected to the gateway (itself, operators, nodes), for health; an event when it changes. */
  private async recordPresence(payload: unknown) {
    const entries = presenceSchema.parse(payload);
    const instances = entries.map((p) => ({
      host: p.host ?? null,
      mode: p.mode ?? null,
      version: p.version ?? null,
      platform: p.platform ?? null,
      lastSeen: p.ts ? new Date(p.ts).toISOString() : null,
    }));
    const key = (list: typeof instances) => JSON.stringify(list.map(({ lastSeen: _, ...rest }) => rest));
    await this.db.transaction(async (tx) => {
      const before = await getCheckpoint<{ instances: typeof instances }>(tx, 'gateway', 'presence');
      await setCheckpoint(tx, 'gateway', 'presence', { instances });
      if (!before || key(before.instances) !== key(instances)) {
        await appendEvent(tx, channelFor.system(), 'gateway.presence', {
          instances: instances.map(({ host, mode, version }) => ({ host, mode, version })),
        });
      }
    });
  }

  /**
   * Runs and the sessions they ran in (from their `cron.runs` entries: the gateway lists only the latest run's
   * session). A run of a job we have not seen is skipped: the next reconcile brings both.
   */
  private async recordRuns(tx: Queryable, runs: readonly OcCronRun[]) {
    const jobs = await getCronJobsByExternalIds(tx, SOURCE, [...new Set(runs.map((r) => r.jobId))]);
    const known = runs.filter((r) => jobs.has(r.jobId));
    const sessions = await getSessionIdsByKeys(
      tx,
      known.flatMap((r) => (r.sessionKey ? [r.sessionKey] : [])),
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
        return session ? [session] : [];
      }),
    );
    return results;
  }

  private async recordSession(s: OcSession) {
    await this.db.transaction((tx) => this.writeSession(tx, s));
  }

  private async writeSession(tx: Queryable, s: OcSession) {
    const jobExternal = cronJobIdOfKey(s.key);
    const job = jobExternal ? await getCronJobByExternalId(tx, SOURCE, jobExternal) : null;
    const input = toAgentSessionInput(s, job?.id ?? null);
    // a job's own row (see mirroredSessionKey) tells its latest run's tokens and cost, not how that run ended
    const known =
      input.sessionKey !== s.key && input.status === 'idle' ? await getAgentSessionByKey(tx, input.sessionKey) : null;
    if (known) Object.assign(input, { status: known.status, completedAt: known.completed_at });
    const { row, created } = await upsertAgentSession(tx, input);
    if (job && row.cost_usd != null) await setRunCostFromSession(tx, row.session_key, row.cost_usd);
    // a run's session first seen after its run finished takes the run's start and end now
    const run = created && job ? await getCronRunBySessionKey(tx, row.session_key) : null;
    if (run) await settleRunSessions(tx, [run]);
  }

  /** The session ids of these keys; a session is created from its key alone when events arrive before the session list. */
  private async sessionIds(tx: Queryable, keys: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map([...(await getSessionIdsByKeys(tx, keys))].map(([key, s]) => [key, s.id]));
    const missing = keys.filter((k) => !ids.has(k));
    if (missing.length) {
      await createRootSessions(
        tx,
        missing.map((key) =>
          toAgentSessionInput(
            { key, hasActiveRun: true, spawnDepth: key.includes(':subagent:') ? 1 : 0 } as OcSession,
            null,
          ),
        ),
      );
      // created now, or by another writer meanwhile
      for (const [key, s] of await getSessionIdsByKeys(tx, missing)) ids.set(key, s.id);
    }
    return ids;
  }

  private async sessionId(tx: Queryable, key: string): Promise<string> {
    return (await this.sessionIds(tx, [key])).get(key)!;
  }

  private async log(key: string, lines: AgentLogInput[]) {
    await this.db.transaction(async (tx) => insertAgentLogs(tx, await this.sessionId(tx, key), lines));
  }

  /** A live chat message's log line (null when it cannot be read). */
  private liveMessageLine(payload: unknown): MessageLine | null {
    const parsed = sessionMessageSchema.safeParse(payload);
    if (!parsed.success) {
      this.logger.warn('gateway: a session.message could not be read; skipped', parsed.error.issues[0]);
      return null;
    }
    this.touch(parsed.data.sessionKey);
    return messageLine(parsed.data.sessionKey, parsed.data.message, parsed.data.messageId);
  }

  private async onAgent(payload: unknown) {
    const a = agentEventSchema.parse(payload);
    this.touch(a.sessionKey);
    const at = new Date(a.ts ?? Date.now());
    const d = a.data;
    if (a.stream === 'lifecycle' && typeof d.phase === 'string') {
      // an operator's abort ends the run with `aborted` (phase 'end' or 'error'); a timeout is aborted too, but failed
      const cancelled = d.aborted === true && d.stopReason !== 'timeout';
      const status =
        d.phase === 'start'
          ? 'running'
          : cancelled
            ? 'cancelled'
            : d.phase === 'error'
              ? 'error'
              : d.phase === 'end'
                ? 'completed'
                : null;
      if (!status) {
        // 'finishing' and the like: a model call that failed and is tried again (a 429) says why
        await this.db.transaction(async (tx) => this.lifecycleError(tx, await this.sessionId(tx, a.sessionKey), a, at));
        return;
      }
      await this.db.transaction(async (tx) => {
        const current = await getAgentSessionByKey(tx, a.sessionKey);
        await this.sessionId(tx, a.sessionKey);
        const base = current ?? (await getAgentSessionByKey(tx, a.sessionKey))!;
        await upsertAgentSession(tx, {
          sessionKey: a.sessionKey,
          agentName: base.agent_name,
          agentType: base.agent_type as 'singleton',
          status,
          lastActivityAt: at,
          completedAt: status === 'running' ? null : at,
        });
        await this.lifecycleError(tx, base.id, a, at);
      });
      return;
    }
    if (a.stream === 'tool' && typeof d.toolCallId === 'string' && typeof d.name === 'string') {
      const result =
        d.phase === 'result' || d.phase === 'end' || d.phase === 'update'
          ? (d.result ?? d.output ?? d.partialResult)
          : undefined;
      await this.log(a.sessionKey, [
        {
          externalId: `tool:${d.toolCallId}`,
          level: d.isError ? 'error' : 'info',
          message: `tool ${d.name}${d.phase === 'start' ? '' : ` (${String(d.phase)})`}`,
          timestamp: at,
          toolName: d.name,
          toolInput: d.args,
          toolOutput: result,
        },
      ]);
    }
  }

  /** What the gateway says went wrong in a run (a provider error, a timeout, an abort) is a log line at error level. */
  private async lifecycleError(tx: Queryable, sessionId: string, a: z.infer<typeof agentEventSchema>, at: Date) {
    const error = typeof a.data.error === 'string' ? a.data.error : null;
    if (!error) return;
    // an operator's stop is said, not an error
    const level = a.data.aborted === true && a.data.stopReason === 'aborted' ? ('warn' as const) : ('error' as const);
    const line = {
      externalId: `lifecycle:${a.runId ?? 'run'}:${a.seq ?? at.getTime()}`,
      level,
      message: `error: ${error}`.slice(0, 20_000),
      timestamp: at,
      metadata: { stream: 'lifecycle', phase: a.data.phase ?? null },
    };
    await insertAgentLogs(tx, sessionId, [line]);
  }

  private async onTask(payload: unknown) {
    const { task } = taskEventSchema.parse(payload);
    if (task.kind !== 'subagent' || !task.childSessionKey) return;
    this.touch(task.childSessionKey);
    const status = TASK_STATUS[task.status ?? ''] ?? 'idle';
    await this.db.transaction(async (tx) => {
      await upsertAgentSession(tx, {
        sessionKey: task.childSessionKey!,
        agentName: task.title ?? 'sub-agent',
        agentType: 'subagent',
        status,
        parentSessionKey: task.ownerKey ?? task.sessionKey ?? null,
        spawnDepth: 1,
        startedAt: task.startedAt ? new Date(task.startedAt) : null,
        completedAt: task.endedAt ? new Date(task.endedAt) : null,
        progressMessage: task.terminalSummary ?? task.progressSummary ?? null,
        lastActivityAt: new Date(),
      });
    });
  }
}
