// Projects gateway observations into the database: each one an idempotent upsert plus its event, in one
// transaction (DESIGN.md "Project"). Reconciles from the gateway's lists after every (re)connect.
import {
  getAgentSessionByKey,
  getCheckpoint,
  getCronJobByExternalId,
  insertAgentLogs,
  listCronJobs,
  markCronJobRemoved,
  setCheckpoint,
  upsertAgentSession,
  upsertCronJob,
  upsertCronRun,
  type AgentLogInput,
  type Db,
  type Queryable,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { GatewayEvent } from '../gateway/client';
import type { Logger } from '../logger';
import { agentEventSchema, cronEventSchema, cronJobSchema, cronRunSchema, cronRunsPageSchema, sessionMessageSchema, sessionRowSchema, taskEventSchema, type OcSession } from './schemas';
import { SOURCE, cronJobIdOfKey, messageLog, toAgentSessionInput, toCronJobInput, toCronRunInput } from './translate';

const RUNS_PAGE = 200;
// How long a file-writing tool call is remembered, to credit the file to its session when the watcher sees it.
const WRITE_MEMORY_MS = 10 * 60_000;
const WRITE_TOOLS = new Set(['write', 'edit', 'apply_patch']);
// Runs seen this close to the checkpoint are fetched again: a run that started before it may finish after.
const RUN_OVERLAP_MS = 6 * 3_600_000;

export class GatewayMirror {
  /** Recent file-writing tool calls: the path as the agent gave it → the session that wrote it. */
  private readonly writes = new Map<string, { sessionKey: string; at: number }>();

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
    this.logger.info(`reconciled with the gateway in ${Date.now() - started} ms: ${jobs} jobs, ${runs} runs, ${sessions} sessions`);
  }

  private async reconcileJobs(gw: GatewayCalls): Promise<number> {
    const res = (await gw.request<{ jobs?: unknown[] }>('cron.list', { includeDisabled: true })).jobs ?? [];
    const seen = new Set<string>();
    for (const raw of res) {
      const job = cronJobSchema.safeParse(raw);
      if (!job.success) {
        this.logger.warn('gateway: a cron job could not be read; skipped', job.error.issues[0]);
        continue;
      }
      seen.add(job.data.id);
      await this.db.transaction((tx) => upsertCronJob(tx, toCronJobInput(job.data)));
    }
    for (const known of await listCronJobs(this.db, { source: SOURCE })) {
      if (known.external_id && !seen.has(known.external_id)) await this.db.transaction((tx) => markCronJobRemoved(tx, SOURCE, known.external_id!));
    }
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
      let reachedCheckpoint = false;
      for (const raw of page.entries) {
        const run = cronRunSchema.safeParse(raw);
        if (!run.success) continue;
        if (run.data.runAtMs < stopAt) reachedCheckpoint = true;
        newest = Math.max(newest, run.data.runAtMs);
        if (await this.recordRun(run.data)) count++;
      }
      if (reachedCheckpoint || !page.hasMore || !page.entries.length) break;
    }
    await setCheckpoint(this.db, SOURCE, 'cron.runs', { runAtMs: newest });
    return count;
  }

  private async reconcileSessions(gw: GatewayCalls): Promise<number> {
    const res = await gw.request<{ sessions?: unknown[] }>('sessions.list', { limit: 500, includeGlobal: true });
    const rows = (res.sessions ?? []).map((r) => sessionRowSchema.safeParse(r)).flatMap((r) => (r.success ? [r.data] : []));
    // parents first, so children link at once
    rows.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
    for (const s of rows) await this.recordSession(s);
    return rows.length;
  }

  /**
   * One live gateway event. A record that cannot be read or written is logged and skipped, never fatal;
   * false then, so the caller catches up from the gateway's lists.
   */
  async handle(e: GatewayEvent): Promise<boolean> {
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
        case 'session.message':
          await this.onMessage(e.payload);
          break;
        // 2026.9.6 streams tool activity to session subscribers as `session.tool` (same payload as an
        // `agent` event with stream 'tool'), not as `agent` events
        case 'agent':
        case 'session.tool':
          await this.onAgent(e.payload);
          break;
        case 'task':
          await this.onTask(e.payload);
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
    if (job.success) await this.db.transaction((tx) => upsertCronJob(tx, toCronJobInput(job.data)));
    if ((ev.action === 'started' || ev.action === 'finished') && ev.runAtMs) {
      const run = cronRunSchema.parse(ev.action === 'started' ? { jobId: ev.jobId, runAtMs: ev.runAtMs } : payload);
      await this.recordRun(run);
      await setCheckpoint(this.db, SOURCE, 'cron.runs', { runAtMs: Math.max(run.runAtMs, (await getCheckpoint<{ runAtMs: number }>(this.db, SOURCE, 'cron.runs'))?.runAtMs ?? 0) });
    }
  }

  private async recordRun(run: ReturnType<typeof cronRunSchema.parse>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const job = await getCronJobByExternalId(tx, SOURCE, run.jobId);
      if (!job) return false; // a run of a job we have not seen: the next reconcile brings both
      return (await upsertCronRun(tx, toCronRunInput(job.id, run))).changed;
    });
  }

  private async recordSession(s: OcSession) {
    await this.db.transaction(async (tx) => {
      const jobExternal = cronJobIdOfKey(s.key);
      const job = jobExternal ? await getCronJobByExternalId(tx, SOURCE, jobExternal) : null;
      await upsertAgentSession(tx, toAgentSessionInput(s, job?.id ?? null));
    });
  }

  /** The session row for a key, created from the key alone when events arrive before the session list. */
  private async sessionId(tx: Queryable, key: string): Promise<string> {
    const known = await getAgentSessionByKey(tx, key);
    if (known) return known.id;
    const { row } = await upsertAgentSession(tx, toAgentSessionInput({ key, hasActiveRun: true, spawnDepth: key.includes(':subagent:') ? 1 : 0 } as OcSession, null));
    return row.id;
  }

  private async log(key: string, lines: AgentLogInput[]) {
    await this.db.transaction(async (tx) => insertAgentLogs(tx, await this.sessionId(tx, key), lines));
  }

  private async onMessage(payload: unknown) {
    const m = sessionMessageSchema.parse(payload);
    const meta = (m.message as { __openclaw?: { id?: string } }).__openclaw;
    const id = m.messageId ?? meta?.id;
    if (!id) return;
    // A prompt OpenClaw injects (a cron job's message, a sub-agent hand-off) arrives as role 'assistant'
    // ("Forwarded from <job>") with provenance internal_system; the transcript stores it as the user turn.
    // It is the run's input, not the agent's words.
    const injected = m.message.provenance?.kind === 'internal_system';
    const role = injected ? 'user' : m.message.role;
    await this.log(m.sessionKey, [messageLog(id, role, m.message.content, m.message.timestamp, injected ? (m.message.provenance?.sourceTool ?? 'system') : undefined)]);
  }

  private async onAgent(payload: unknown) {
    const a = agentEventSchema.parse(payload);
    const at = new Date(a.ts ?? Date.now());
    const d = a.data;
    if (a.stream === 'lifecycle' && typeof d.phase === 'string') {
      const status = d.phase === 'start' ? 'running' : d.phase === 'error' ? 'error' : d.phase === 'end' ? 'completed' : null;
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
    const status = task.status === 'running' ? 'running' : task.status === 'failed' || task.status === 'error' ? 'error' : task.status === 'completed' || task.status === 'succeeded' ? 'completed' : 'idle';
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
