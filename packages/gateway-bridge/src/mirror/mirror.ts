// Projects gateway observations into the database: each one an idempotent upsert plus its event, in one
// transaction (DESIGN.md "Project"). Reconciles from the gateway's lists after every (re)connect.
import { channelFor } from '@agent-studio/core';
import {
  addRunningSessionUsage,
  appendEvent,
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
import { agentEventSchema, cronEventSchema, cronJobSchema, cronRunSchema, cronRunsPageSchema, presenceSchema, sessionMessageSchema, sessionRowSchema, taskEventSchema, type OcCronRun, type OcSession } from './schemas';
import { SOURCE, cronJobIdOfKey, messageLog, runSessionInput, toAgentSessionInput, toCronJobInput, toCronRunInput } from './translate';

const RUNS_PAGE = 200;
// How long a file-writing tool call is remembered, to credit the file to its session when the watcher sees it.
const WRITE_MEMORY_MS = 10 * 60_000;
const WRITE_TOOLS = new Set(['write', 'edit', 'apply_patch']);
// Runs seen this close to the checkpoint are fetched again: a run that started before it may finish after.
const RUN_OVERLAP_MS = 6 * 3_600_000;
/** A chat message's log line, and the model usage it reports (an assistant message of 2026.9.6). */
interface MessageLine {
  key: string;
  line: AgentLogInput;
  usage: { input: number; output: number; total: number; costUsd: number | null } | null;
}

// chat messages written in one transaction at most
const LOG_BATCH = 500;
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
  /** Recent file-writing tool calls: the path as the agent gave it → the session that wrote it. */
  private readonly writes = new Map<string, { sessionKey: string; at: number }>();
  /** The `updatedAt` of each session as last written from the gateway's list. */
  private readonly sessionsSeen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /**
   * The session that wrote the file at `absolutePath` in the last minutes, if a tool call named it (agents name
   * files relative to their workspace, or absolutely).
   */
  writerOf(absolutePath: string): string | null {
    let newest: { sessionKey: string; at: number } | null = null;
    for (const [p, w] of this.writes) {
      const same = p === absolutePath || absolutePath.endsWith(`/${p.replace(/^\.\//, '')}`);
      if (same && Date.now() - w.at < WRITE_MEMORY_MS && (!newest || w.at > newest.at)) newest = w;
    }
    return newest?.sessionKey ?? null;
  }

  private rememberWrite(path: string, sessionKey: string) {
    const now = Date.now();
    for (const [k, w] of this.writes) if (now - w.at > WRITE_MEMORY_MS) this.writes.delete(k);
    this.writes.set(path, { sessionKey, at: now });
  }

  /** Everything the gateway lists, so what happened while we were away is not missing. */
  async reconcile(gw: GatewayCalls): Promise<void> {
    const started = Date.now();
    const jobs = await this.reconcileJobs(gw);
    const runs = await this.reconcileRuns(gw);
    const sessions = gw.supports('sessions.list') ? await this.reconcileSessions(gw) : 0;
    if (gw.supports('system-presence')) {
      // presence is for the health strip: its failure must not stop the mirror from catching up
      await gw.request('system-presence', {}).then((p) => this.recordPresence(p), (err) => this.logger.warn('gateway: system-presence not read', err));
    }
    this.logger.info(`reconciled with the gateway in ${Date.now() - started} ms: ${jobs} jobs, ${runs} runs, ${sessions} sessions`);
  }

  private async reconcileJobs(gw: GatewayCalls): Promise<number> {
    const res = (await gw.request<{ jobs?: unknown[] }>('cron.list', { includeDisabled: true })).jobs ?? [];
    const jobs = res.map((raw) => cronJobSchema.safeParse(raw)).flatMap((job) => {
      if (job.success) return [job.data];
      this.logger.warn('gateway: a cron job could not be read; skipped', job.error.issues[0]);
      return [];
    });
    const seen = new Set(jobs.map((j) => j.id));
    await this.db.transaction(async (tx) => {
      for (const job of jobs) await upsertCronJob(tx, toCronJobInput(job));
      for (const known of await listCronJobs(tx, { source: SOURCE })) {
        if (known.external_id && !seen.has(known.external_id)) await markCronJobRemoved(tx, SOURCE, known.external_id);
      }
    });
    return seen.size;
  }

  /** Pages `cron.runs` newest first until it reaches the checkpoint (less an overlap). */
  private async reconcileRuns(gw: GatewayCalls): Promise<number> {
    const checkpoint = (await getCheckpoint<{ runAtMs: number }>(this.db, SOURCE, 'cron.runs'))?.runAtMs ?? 0;
    const stopAt = checkpoint - RUN_OVERLAP_MS;
    let newest = checkpoint;
    let count = 0;
    for (let offset = 0; ; offset += RUNS_PAGE) {
      const page = cronRunsPageSchema.parse(await gw.request('cron.runs', { scope: 'all', limit: RUNS_PAGE, offset, sortDir: 'desc' }));
      const runs = page.entries.map((raw) => cronRunSchema.safeParse(raw)).flatMap((r) => (r.success ? [r.data] : []));
      const reachedCheckpoint = runs.some((r) => r.runAtMs < stopAt);
      for (const r of runs) newest = Math.max(newest, r.runAtMs);
      // a page in one transaction and a few statements: a backlog of thousands stays quick
      count += await this.db.transaction(async (tx) => (await this.recordRuns(tx, runs)).filter((r) => r.changed).length);
      if (reachedCheckpoint || !page.hasMore || !page.entries.length) break;
    }
    await setCheckpoint(this.db, SOURCE, 'cron.runs', { runAtMs: newest });
    return count;
  }

  /** The gateway's session list (also after runs finish: a run's tokens and cost are priced there). */
  async reconcileSessions(gw: GatewayCalls): Promise<number> {
    const { listed, changed } = await this.listSessions(gw);
    await this.recordSessions(changed);
    return listed;
  }

  /** The gateway's sessions, and those changed since they were last written (parents first). */
  async listSessions(gw: GatewayCalls): Promise<{ listed: number; changed: OcSession[] }> {
    const res = await gw.request<{ sessions?: unknown[] }>('sessions.list', { limit: 500, includeGlobal: true });
    const rows = (res.sessions ?? []).map((r) => sessionRowSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []));
    // parents first, so children link at once
    rows.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
    // the list is read often (after runs finish): rows unchanged since the last read are not written again
    return { listed: rows.length, changed: rows.filter((s) => s.updatedAt == null || this.sessionsSeen.get(s.key) !== s.updatedAt) };
  }

  /** Writes sessions in one transaction (one commit, not one each); when the database refuses one, one by one. */
  async recordSessions(sessions: readonly OcSession[]): Promise<void> {
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
        const m = this.messageLine(e.payload);
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
      this.logger.warn(`gateway: ${lines.length === 1 ? `a chat message of ${lines[0]!.key}` : `${lines.length} chat messages`} not mirrored`, err);
      return false;
    }
  }

  private async insertLines(lines: MessageLine[]) {
    await this.db.transaction(async (tx) => {
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
      for (const row of await insertSessionLogs(tx, rows)) {
        const u = usage.get(row);
        if (!u) continue;
        const sum = spent.get(row.sessionId) ?? { input: 0, output: 0, total: 0, costUsd: null };
        spent.set(row.sessionId, { input: sum.input + u.input, output: sum.output + u.output, total: sum.total + u.total, costUsd: u.costUsd == null ? sum.costUsd : (sum.costUsd ?? 0) + u.costUsd });
      }
      for (const [sessionId, u] of spent) await addRunningSessionUsage(tx, sessionId, u);
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
          if (s.success) await this.recordSession(s.data);
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
    if (ev.action === 'removed') {
      await this.db.transaction((tx) => markCronJobRemoved(tx, SOURCE, ev.jobId));
      return;
    }
    const job = cronJobSchema.safeParse(ev.job);
    const run = (ev.action === 'started' || ev.action === 'finished') && ev.runAtMs ? cronRunSchema.safeParse(ev.action === 'started' ? { jobId: ev.jobId, runAtMs: ev.runAtMs } : payload) : null;
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
    const instances = entries.map((p) => ({ host: p.host ?? null, mode: p.mode ?? null, version: p.version ?? null, platform: p.platform ?? null, lastSeen: p.ts ? new Date(p.ts).toISOString() : null }));
    const key = (list: typeof instances) => JSON.stringify(list.map(({ lastSeen: _, ...rest }) => rest));
    await this.db.transaction(async (tx) => {
      const before = await getCheckpoint<{ instances: typeof instances }>(tx, 'gateway', 'presence');
      await setCheckpoint(tx, 'gateway', 'presence', { instances });
      if (!before || key(before.instances) !== key(instances)) {
        await appendEvent(tx, channelFor.system(), 'gateway.presence', { instances: instances.map(({ host, mode, version }) => ({ host, mode, version })) });
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
    const sessions = await getSessionIdsByKeys(tx, known.flatMap((r) => (r.sessionKey ? [r.sessionKey] : [])));
    const results = await upsertCronRuns(tx, known.map((run) => ({ ...toCronRunInput(jobs.get(run.jobId)!.id, run), costUsd: sessions.get(run.sessionKey ?? '')?.cost_usd ?? null })));
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
    const known = input.sessionKey !== s.key && input.status === 'idle' ? await getAgentSessionByKey(tx, input.sessionKey) : null;
    if (known) Object.assign(input, { status: known.status, completedAt: known.completed_at });
    const { row } = await upsertAgentSession(tx, input);
    if (job && row.cost_usd != null) await setRunCostFromSession(tx, row.session_key, row.cost_usd);
  }

  /** The session ids of these keys; a session is created from its key alone when events arrive before the session list. */
  private async sessionIds(tx: Queryable, keys: readonly string[]): Promise<Map<string, string>> {
    const ids = new Map([...(await getSessionIdsByKeys(tx, keys))].map(([key, s]) => [key, s.id]));
    const missing = keys.filter((k) => !ids.has(k));
    if (missing.length) {
      await createRootSessions(tx, missing.map((key) => toAgentSessionInput({ key, hasActiveRun: true, spawnDepth: key.includes(':subagent:') ? 1 : 0 } as OcSession, null)));
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

  /** A chat message's log line (null when it cannot be read). */
  private messageLine(payload: unknown): MessageLine | null {
    const parsed = sessionMessageSchema.safeParse(payload);
    if (!parsed.success) {
      this.logger.warn('gateway: a session.message could not be read; skipped', parsed.error.issues[0]);
      return null;
    }
    const m = parsed.data;
    const meta = (m.message as { __openclaw?: { id?: string } }).__openclaw;
    const id = m.messageId ?? meta?.id;
    if (!id) return null;
    // A prompt OpenClaw injects (a cron job's message, a sub-agent hand-off) arrives as role 'assistant'
    // ("Forwarded from <job>") with provenance internal_system; the transcript stores it as the user turn.
    // It is the run's input, not the agent's words.
    const injected = m.message.provenance?.kind === 'internal_system';
    const role = injected ? 'user' : m.message.role;
    const u = m.message.usage;
    const line = messageLog(id, role, m.message.content, m.message.timestamp, injected ? (m.message.provenance?.sourceTool ?? 'system') : undefined);
    const usage = u ? { input: u.input ?? 0, output: u.output ?? 0, total: u.totalTokens ?? (u.input ?? 0) + (u.output ?? 0), costUsd: u.cost?.total ?? null } : null;
    return { key: m.sessionKey, line, usage };
  }

  private async onAgent(payload: unknown) {
    const a = agentEventSchema.parse(payload);
    const at = new Date(a.ts ?? Date.now());
    const d = a.data;
    if (a.stream === 'lifecycle' && typeof d.phase === 'string') {
      // an operator's abort ends the run with `aborted` (phase 'end' or 'error'); a timeout is aborted too, but failed
      const cancelled = d.aborted === true && d.stopReason !== 'timeout';
      const status = d.phase === 'start' ? 'running' : cancelled ? 'cancelled' : d.phase === 'error' ? 'error' : d.phase === 'end' ? 'completed' : null;
      if (!status) return;
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
      });
      return;
    }
    if (a.stream === 'tool' && typeof d.toolCallId === 'string' && typeof d.name === 'string') {
      const args = d.args as { path?: unknown } | undefined;
      if (WRITE_TOOLS.has(d.name) && typeof args?.path === 'string') this.rememberWrite(args.path, a.sessionKey);
      const result = d.phase === 'result' || d.phase === 'end' || d.phase === 'update' ? (d.result ?? d.output ?? d.partialResult) : undefined;
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

  private async onTask(payload: unknown) {
    const { task } = taskEventSchema.parse(payload);
    if (task.kind !== 'subagent' || !task.childSessionKey) return;
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
