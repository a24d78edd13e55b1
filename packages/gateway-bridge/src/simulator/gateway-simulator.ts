// A small stand-in for an OpenClaw gateway: the subset of protocol 4 the bridge uses (challenge → connect →
// hello, cron.*, sessions.*, channels.status, send, and the cron/agent/session/task events), with the shapes
// recorded from openclaw 2026.9.6 (openclaw-lab/examples). It powers `agent-studio demo` and the bridge's fast tests;
// the real gateway is tested through the lab.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { nextRuns } from '@agent-studio/core/schedule/next-runs';
import { frameSchema } from '../gateway/frames';

export interface SimJob {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  agentId: string;
  declarationKey?: string;
  schedule:
    { kind: 'cron'; expr: string; tz?: string } | { kind: 'every'; everyMs: number } | { kind: 'at'; at: string };
  payload: { kind: 'agentTurn'; message: string; timeoutSeconds?: number } | { kind: 'systemEvent'; text: string };
  state: {
    nextRunAtMs?: number;
    runningAtMs?: number;
    lastRunAtMs?: number;
    lastStatus?: string;
    lastDurationMs?: number;
    consecutiveErrors: number;
  };
}

export interface SimRun {
  jobId: string;
  runId: string;
  runAtMs: number;
  ts: number;
  action: 'finished';
  status: 'ok' | 'error' | 'skipped';
  error?: string;
  /** 'timeout' when the run was stopped at its job's timeout (as OpenClaw's run log says). */
  errorReason?: 'timeout';
  summary?: string;
  durationMs: number;
  sessionKey: string;
  model: string;
  provider: string;
  usage: { input_tokens: number; output_tokens: number; total_tokens: number };
  jobName: string;
}

export interface SimSession {
  key: string;
  sessionId: string;
  agentId: string;
  label: string;
  classification: 'main' | 'cron' | 'subagent' | 'direct';
  spawnedBy?: string;
  spawnDepth: number;
  childSessions: string[];
  hasActiveRun: boolean;
  abortedLastRun: boolean;
  status?: 'done' | 'failed';
  createdAt: number;
  updatedAt: number;
  endedAt?: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  estimatedCostUsd: number;
  model: string;
  modelProvider: string;
  lastMessagePreview?: string;
}

/** A transcript message as OpenClaw 2026.9.6 stores it (`__openclaw.kind` 'reset': its reset marker). */
export interface SimMessage {
  role: string;
  content: unknown;
  timestamp: number;
  usage?: { input: number; output: number; totalTokens: number; cost: { total: number } };
  __openclaw: { id: string; kind?: 'reset' };
}

export interface SimState {
  jobs: SimJob[];
  runs: SimRun[];
  sessions: SimSession[];
  transcripts: [string, SimMessage[]][];
}
export interface RunOutcome {
  durationMs: number;
  error?: string;
  /** The run hit its job's timeout (its error then says so, and it lasted the timeout). */
  timedOut?: boolean;
  summary?: string;
  /** The model's token usage (default: in proportion to the duration). */
  tokens?: { input: number; output: number };
  /** Called while the run is active (e.g. to write a GTM file, as a real agent would). */
  during?: (run: { jobId: string; sessionKey: string; runAtMs: number }) => void | Promise<void>;
}

const METHODS = [
  'cron.list',
  'cron.runs',
  'cron.run',
  'cron.update',
  'cron.add',
  'cron.remove',
  'system-presence',
  'sessions.list',
  'sessions.subscribe',
  'sessions.abort',
  'sessions.reset',
  'chat.send',
  'chat.history',
  'channels.status',
  'send',
];
/** The names OpenClaw's `channels.status` gives the chat channels it knows (its channelLabels). */
const CHANNEL_LABELS: Record<string, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  discord: 'Discord',
  slack: 'Slack',
  signal: 'Signal',
};
const EVENTS = ['connect.challenge', 'agent', 'session.message', 'sessions.changed', 'cron', 'task', 'tick'];
const MODEL = { model: 'sim-1', provider: 'simulator' };
/** The simulated model's configured prices, $ per million tokens (as `models.providers.*.models[].cost` in openclaw.json). */
export const SIM_MODEL_COST = { input: 3, output: 15 };
const costOf = (t: { input: number; output: number }) =>
  (t.input * SIM_MODEL_COST.input + t.output * SIM_MODEL_COST.output) / 1_000_000;
/** About what an agent turn of this length reads and writes. */
function tokensFor(o: RunOutcome): { input: number; output: number } {
  if (o.tokens) return o.tokens;
  const s = o.durationMs / 1000;
  const input = Math.round(300 + s * (100 + Math.random() * 60));
  return {
    input,
    output: o.error ? Math.round(10 + Math.random() * 30) : Math.round(80 + s * (15 + Math.random() * 10)),
  };
}

class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class GatewaySimulator {
  readonly jobs = new Map<string, SimJob>();
  readonly runs: SimRun[] = [];
  readonly sessions = new Map<string, SimSession>();
  /**
   * How long each sub-agent of a swarm asked for through chat.send works, from and to (ms). Brief in the demo;
   * a test that cancels one sets it longer than any machine takes to get there.
   */
  swarmWorkMs: [number, number] = [20_000, 40_000];
  private readonly clients = new Set<WebSocket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: WebSocketServer | null = null;
  private seq = 0;
  /** Methods whose answers wait (tests: a gateway call that is slow under load), and who waits for them. */
  private readonly held = new Map<string, { waiting: number; released: Promise<void> }>();
  /** The OpenClaw version the hello advertises (tests set an older one). */
  version = '2026.9.6-sim';
  /** The methods the hello offers (tests take some away, as an older or locked-down gateway would). */
  methods = [...METHODS];
  /** OpenClaw's chat channel accounts as `channels.status` gives them, by channel (none unless a test sets some). */
  channelAccounts: Record<string, Record<string, unknown>[]> = {};
  /** What `send` delivered to those channels, once per idempotency key (as OpenClaw sends it). */
  readonly sent: { channel: string; to: string; message: string; idempotencyKey: string }[] = [];
  /** Each session's transcript as `chat.history` answers it: from its last reset on. */
  private readonly transcripts = new Map<string, SimMessage[]>();
  /** Called once a client has asked for a session's history (the demo's owner writes again once it is read). */
  onHistoryRead: ((sessionKey: string) => void) | null = null;

  constructor(readonly token: string = randomUUID()) {}

  async start(port = 0): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port });
    this.server = server;
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    server.on('connection', (ws) => this.accept(ws));
    return this.url;
  }

  /** How many clients are signed in now. */
  get connectedClients(): number {
    return this.clients.size;
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** What the gateway keeps across a restart (OpenClaw keeps it in its state database): jobs, runs, sessions, chats. */
  snapshot(): SimState {
    return {
      jobs: [...this.jobs.values()],
      runs: this.runs,
      sessions: [...this.sessions.values()],
      transcripts: [...this.transcripts],
    };
  }

  /**
   * Starts from a snapshot, as a gateway restarted on its state: what ran when it stopped was cut short (no run
   * record), and each job's next run is its schedule's next time from now (what fell due meanwhile was missed).
   */
  restore(state: SimState): void {
    for (const job of state.jobs) {
      delete job.state.runningAtMs;
      this.jobs.set(job.id, job);
      this.scheduleNext(job);
    }
    this.runs.push(...state.runs);
    for (const session of state.sessions) {
      if (session.hasActiveRun) Object.assign(session, { hasActiveRun: false, abortedLastRun: true });
      this.sessions.set(session.key, session);
    }
    for (const [key, messages] of state.transcripts) this.transcripts.set(key, messages);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const ws of this.clients) ws.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /**
   * Answers to `method` wait until the returned function is called (a slow gateway call, for tests);
   * `waiting()` says how many are held.
   */
  hold(method: string): { release: () => void; waiting: () => number } {
    let release!: () => void;
    const entry = { waiting: 0, released: new Promise<void>((r) => (release = r)) };
    this.held.set(method, entry);
    return {
      release: () => {
        this.held.delete(method);
        release();
      },
      waiting: () => entry.waiting,
    };
  }

  /** Sessions that ran before (finished chats), `count` of them, without events: a large gateway's history. */
  addFinishedSessions(count: number, at = Date.now()): string[] {
    return Array.from({ length: count }, (_, i) => {
      const key = `agent:main:history-${this.sessions.size}`;
      this.sessions.set(key, {
        key,
        sessionId: randomUUID(),
        agentId: 'main',
        label: `history ${i}`,
        classification: 'direct',
        spawnDepth: 0,
        childSessions: [],
        hasActiveRun: false,
        abortedLastRun: false,
        status: 'done',
        createdAt: at,
        updatedAt: at,
        endedAt: at,
        inputTokens: 100,
        outputTokens: 20,
        totalTokens: 100,
        estimatedCostUsd: 0.0002,
        model: MODEL.model,
        modelProvider: MODEL.provider,
      });
      return key;
    });
  }

  /** Every session updated now (a reconcile then writes them all again), without events. */
  touchSessions(): void {
    const now = Date.now();
    for (const s of this.sessions.values()) Object.assign(s, { updatedAt: now, inputTokens: s.inputTokens + 1 });
  }

  dropConnections(): void {
    for (const ws of this.clients) ws.terminate();
  }

  addJob(job: Omit<SimJob, 'id' | 'state' | 'agentId'> & { id?: string }): SimJob {
    const full: SimJob = { agentId: 'main', ...job, id: job.id ?? randomUUID(), state: { consecutiveErrors: 0 } };
    // as OpenClaw's added event: the job with its first next run time
    this.scheduleNext(full);
    this.jobs.set(full.id, full);
    this.broadcast('cron', { jobId: full.id, action: 'added', job: full });
    return full;
  }

  /**
   * A finished run in the history (for seeding): no events, as if it happened while nobody watched. With
   * `session`, its isolated session too (ended, with the run's tokens and their cost), as OpenClaw keeps them.
   */
  recordRun(
    job: SimJob,
    runAtMs: number,
    outcome: RunOutcome,
    manual = false,
    opts: { session?: boolean } = {},
  ): SimRun {
    const sessionId = randomUUID();
    const sessionKey = `agent:${job.agentId}:cron:${job.id}:run:${sessionId}`;
    const tokens = tokensFor(outcome);
    const run = this.finishedRun(job, runAtMs, sessionKey, outcome, manual, tokens);
    this.runs.push(run);
    this.applyRunToJob(job, run);
    if (opts.session) {
      const endedAt = runAtMs + outcome.durationMs;
      this.sessions.set(sessionKey, {
        key: sessionKey,
        sessionId,
        agentId: job.agentId,
        label: `Automation: ${job.name}`,
        classification: 'cron',
        spawnDepth: 0,
        childSessions: [],
        hasActiveRun: false,
        abortedLastRun: false,
        status: outcome.error ? 'failed' : 'done',
        createdAt: runAtMs,
        updatedAt: endedAt,
        endedAt,
        inputTokens: tokens.input,
        outputTokens: tokens.output,
        totalTokens: tokens.input + tokens.output,
        estimatedCostUsd: costOf(tokens),
        model: MODEL.model,
        modelProvider: MODEL.provider,
        lastMessagePreview: (run.summary ?? run.error ?? '').slice(0, 200),
      });
    }
    return run;
  }

  /** How a run of a job goes, when the gateway starts it itself (its schedule, or `cron.run`). */
  outcomeFor: ((job: SimJob) => RunOutcome) | null = null;

  /**
   * Runs every enabled job when its next run time comes, as OpenClaw's scheduler does (one run of a job at a
   * time); each run goes as `outcomeFor` says. Returns the stop function.
   */
  runSchedules(): () => void {
    const tick = setInterval(() => {
      const now = Date.now();
      for (const job of this.jobs.values()) {
        const due = job.state.nextRunAtMs;
        if (!job.enabled || job.state.runningAtMs !== undefined || due === undefined || due > now) continue;
        this.runJob(job.id, this.outcomeFor?.(job) ?? { durationMs: 1500 }, false, due);
      }
    }, 250);
    return () => clearInterval(tick);
  }

  /** Runs a job live: started event, agent activity, then finished after `durationMs`. `at`: its scheduled time. */
  runJob(jobId: string, outcome: RunOutcome, manual = false, at = Date.now()): { runId: string; runAtMs: number } {
    const job = this.jobs.get(jobId);
    if (!job) throw new RequestError('NOT_FOUND', `cron job not found: ${jobId}`);
    const runAtMs = at;
    const sessionId = randomUUID();
    const sessionKey = `agent:main:cron:${job.id}:run:${sessionId}`;
    const runId = manual ? `manual:${job.id}:${runAtMs}:1` : `${job.id}:${runAtMs}`;
    const tokens = tokensFor(outcome);
    job.state.runningAtMs = runAtMs;
    this.broadcast('cron', { jobId: job.id, action: 'started', runAtMs, job });
    this.upsertSession({
      key: sessionKey,
      sessionId,
      label: `Automation: ${job.name}`,
      classification: 'cron',
      hasActiveRun: true,
    });
    this.agentEvent(sessionKey, 'lifecycle', { phase: 'start', startedAt: runAtMs });
    this.message(sessionKey, 'user', job.payload.kind === 'agentTurn' ? job.payload.message : job.payload.text);
    void Promise.resolve(outcome.during?.({ jobId: job.id, sessionKey, runAtMs })).catch(() => {});
    // it ends `durationMs` after it started (a run started at its scheduled time, a moment ago, too)
    this.later(Math.max(0, runAtMs + outcome.durationMs - Date.now()), () => {
      const run = this.finishedRun(job, runAtMs, sessionKey, outcome, manual, tokens);
      run.runId = runId;
      this.runs.push(run);
      delete job.state.runningAtMs;
      this.applyRunToJob(job, run);
      this.message(sessionKey, 'assistant', run.summary ?? run.error ?? '');
      this.agentEvent(sessionKey, 'lifecycle', { phase: run.status === 'error' ? 'error' : 'end', error: run.error });
      // its session ends when its run does, though a busy machine runs this timer late
      this.endSession(sessionKey, tokens, run.status === 'error' ? 'failed' : 'done', run.ts);
      this.broadcast('cron', { ...run, job });
    });
    return { runId, runAtMs };
  }

  /** A parent session that spawns sub-agents through (simulated) `sessions_spawn`, each working for a while. */
  spawnSwarm(
    task: string,
    agents: { label: string; durationMs: number; fail?: string }[],
    parentKey = `agent:main:swarm:${randomUUID().slice(0, 8)}`,
  ): string {
    this.upsertSession({ key: parentKey, label: task, classification: 'direct', hasActiveRun: true });
    this.agentEvent(parentKey, 'lifecycle', { phase: 'start' });
    this.message(parentKey, 'user', task);
    let remaining = agents.length;
    for (const a of agents) {
      const childKey = `agent:main:subagent:${randomUUID()}`;
      const parent = this.sessions.get(parentKey)!;
      parent.childSessions.push(childKey);
      this.upsertSession(parent); // OpenClaw's list shows the parent's new child
      this.upsertSession({
        key: childKey,
        label: a.label,
        classification: 'subagent',
        spawnedBy: parentKey,
        spawnDepth: 1,
        hasActiveRun: true,
      });
      const taskId = randomUUID();
      const started = Date.now();
      const taskRow = {
        id: taskId,
        kind: 'subagent',
        status: 'running',
        title: a.label,
        sessionKey: parentKey,
        ownerKey: parentKey,
        childSessionKey: childKey,
        startedAt: started,
      };
      this.broadcast('task', { action: 'upserted', task: taskRow });
      this.agentEvent(childKey, 'lifecycle', { phase: 'start', startedAt: started });
      this.toolCall(childKey, 'web_search', { query: `${a.label}: ${task}` }, { results: 5 });
      this.later(a.durationMs, () => {
        if (!this.sessions.get(childKey)?.hasActiveRun) return; // aborted meanwhile
        const tokens = tokensFor({ durationMs: a.durationMs, error: a.fail });
        this.message(childKey, 'assistant', a.fail ? `Error: ${a.fail}` : `${a.label} finished: ${task}`);
        this.agentEvent(childKey, 'lifecycle', { phase: a.fail ? 'error' : 'end', error: a.fail });
        this.endSession(childKey, tokens, a.fail ? 'failed' : 'done');
        this.broadcast('task', {
          action: 'upserted',
          task: {
            ...taskRow,
            status: a.fail ? 'failed' : 'completed',
            endedAt: Date.now(),
            terminalSummary: a.fail ?? 'done',
          },
        });
        if (--remaining === 0 && this.sessions.get(parentKey)?.hasActiveRun) {
          this.agentEvent(parentKey, 'lifecycle', { phase: 'end' });
          this.endSession(parentKey, { input: 500, output: 100 }, 'done');
        }
      });
    }
    return parentKey;
  }

  private accept(ws: WebSocket) {
    const nonce = randomUUID();
    let authed = false;
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce, ts: Date.now() } }));
    ws.on('message', (data) => {
      let frame;
      try {
        frame = frameSchema.parse(JSON.parse(data.toString()));
      } catch {
        return;
      }
      if (frame.type !== 'req') return;
      const reply = (
        ok: boolean,
        payload?: unknown,
        error?: { code: string; message: string; details?: { code: string } },
      ) => ws.send(JSON.stringify({ type: 'res', id: frame.id, ok, ...(ok ? { payload } : { error }) }));
      if (!authed) {
        const params = frame.params as { auth?: { token?: string }; device?: { nonce?: string } } | undefined;
        if (frame.method !== 'connect' || params?.auth?.token !== this.token || params.device?.nonce !== nonce) {
          // as 2026.9.6 words it: the reason in details.code
          const tokenWrong = params?.auth?.token !== this.token;
          reply(false, undefined, {
            code: 'INVALID_REQUEST',
            message: tokenWrong ? 'unauthorized: gateway token mismatch' : 'device nonce mismatch',
            details: { code: tokenWrong ? 'AUTH_TOKEN_MISMATCH' : 'DEVICE_AUTH_NONCE_MISMATCH' },
          });
          ws.close(4001, 'unauthorized');
          return;
        }
        authed = true;
        this.clients.add(ws);
        reply(true, {
          type: 'hello-ok',
          protocol: 4,
          server: { version: this.version, connId: randomUUID() },
          features: { methods: this.methods, events: EVENTS },
          snapshot: {},
        });
        return;
      }
      const answer = () => {
        try {
          reply(true, this.call(frame.method, (frame.params ?? {}) as Record<string, unknown>));
        } catch (err) {
          const e = err instanceof RequestError ? err : new RequestError('INTERNAL', (err as Error).message);
          reply(false, undefined, { code: e.code, message: e.message });
        }
      };
      const held = this.held.get(frame.method);
      if (!held) return answer();
      held.waiting++;
      void held.released.then(() => {
        held.waiting--;
        if (ws.readyState === ws.OPEN) answer();
      });
    });
    ws.on('close', () => this.clients.delete(ws));
  }

  private call(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'channels.status':
        return {
          ts: Date.now(),
          channelOrder: Object.keys(this.channelAccounts),
          channelLabels: CHANNEL_LABELS,
          channels: {},
          channelAccounts: this.channelAccounts,
        };
      case 'send': {
        const channel = String(p.channel ?? '');
        if (!this.channelAccounts[channel]?.length)
          throw new RequestError('INVALID_REQUEST', `unknown channel: ${channel}`);
        const idempotencyKey = String(p.idempotencyKey);
        let i = this.sent.findIndex((m) => m.idempotencyKey === idempotencyKey);
        if (i < 0) i = this.sent.push({ channel, to: String(p.to), message: String(p.message), idempotencyKey }) - 1;
        return { runId: idempotencyKey, messageId: `sim-message-${i + 1}`, channel };
      }
      case 'cron.list':
        return { jobs: [...this.jobs.values()].filter((j) => j.enabled || p.includeDisabled) };
      case 'cron.runs': {
        const limit = Number(p.limit ?? 50);
        const offset = Number(p.offset ?? 0);
        const sorted = [...this.runs].sort((a, b) => b.runAtMs - a.runAtMs);
        const entries = sorted.slice(offset, offset + limit);
        const hasMore = offset + limit < sorted.length;
        return { entries, total: sorted.length, offset, limit, hasMore, nextOffset: hasMore ? offset + limit : null };
      }
      case 'cron.run': {
        const id = String(p.id);
        const job = this.jobs.get(id);
        const outcome = (job && this.outcomeFor?.(job)) ?? { durationMs: 1500, summary: 'Manual run finished.' };
        return { ok: true, enqueued: true, runId: this.runJob(id, outcome, true).runId };
      }
      case 'cron.update': {
        const job = this.jobs.get(String(p.id));
        if (!job) throw new RequestError('NOT_FOUND', `cron job not found: ${String(p.id)}`);
        Object.assign(job, p.patch as Partial<SimJob>);
        this.scheduleNext(job);
        this.broadcast('cron', { jobId: job.id, action: 'updated', job });
        return { ok: true, job };
      }
      case 'cron.add': {
        // as 2026.9.6: a declarationKey already used answers the job it names instead of adding another
        const existing = p.declarationKey
          ? [...this.jobs.values()].find((j) => j.declarationKey === p.declarationKey)
          : undefined;
        if (existing) return { created: false, job: existing };
        const { name, description, enabled, schedule, payload, agentId, declarationKey } = p as Partial<SimJob>;
        if (!name || !schedule || !payload)
          throw new RequestError('INVALID_REQUEST', 'invalid cron.add params: name, schedule and payload are required');
        const job = this.addJob({ name, description, enabled: enabled ?? true, schedule, payload, declarationKey });
        if (agentId) job.agentId = agentId;
        return declarationKey ? { created: true, job } : job;
      }
      case 'cron.remove': {
        const id = String(p.id);
        if (!this.jobs.delete(id)) return { ok: true, removed: false };
        this.broadcast('cron', { jobId: id, action: 'removed' });
        return { ok: true, removed: true };
      }
      case 'system-presence':
        return [
          {
            host: 'simulator',
            mode: 'gateway',
            version: this.version,
            platform: process.platform,
            reason: 'self',
            ts: Date.now(),
          },
        ];
      case 'sessions.list': {
        // as 2026.9.6: newest update first, paged by offset (default 100), activeOnly before paging
        const all = [...this.sessions.values()]
          .filter((x) => !p.activeOnly || x.hasActiveRun)
          .sort((a, b) => b.updatedAt - a.updatedAt);
        const offset = Number(p.offset ?? 0);
        const page = all.slice(offset, offset + Number(p.limit ?? 100));
        const next = offset + page.length;
        return {
          sessions: page,
          count: page.length,
          totalCount: all.length,
          hasMore: next < all.length,
          nextOffset: next < all.length ? next : null,
        };
      }
      case 'sessions.subscribe':
        return { subscribed: true };
      case 'chat.send': {
        // the simulated agent follows a swarm request ("… with the sessions_spawn tool …: a, b, c.") literally
        const message = String(p.message ?? '');
        const roles = /sessions_spawn tool[^:]*:\s*([^\n]+?)\.?$/m
          .exec(message)?.[1]
          ?.split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        const task = /^Task: (.+)$/m.exec(message)?.[1] ?? message.slice(0, 200);
        const key = String(p.sessionKey);
        if (roles?.length)
          this.spawnSwarm(
            task,
            roles.map((label) => ({
              label,
              durationMs: this.swarmWorkMs[0] + Math.random() * (this.swarmWorkMs[1] - this.swarmWorkMs[0]),
            })),
            key,
          );
        else {
          this.upsertSession({ key, label: task, classification: 'direct', hasActiveRun: false });
          this.message(key, 'user', message);
        }
        return { ok: true, runId: randomUUID() };
      }
      case 'chat.history': {
        const key = String(p.sessionKey);
        const messages = this.transcripts.get(key) ?? [];
        this.later(0, () => this.onHistoryRead?.(key));
        return {
          sessionKey: key,
          sessionId: this.sessions.get(key)?.sessionId,
          messages: messages.slice(-Number(p.limit ?? 200)),
        };
      }
      case 'sessions.reset': {
        const key = String(p.key);
        if (!this.sessions.has(key)) throw new RequestError('NOT_FOUND', `session not found: ${key}`);
        this.reset(key);
        return { ok: true, key, entry: this.sessions.get(key) };
      }
      case 'sessions.abort': {
        const s = this.sessions.get(String(p.key));
        if (!s) throw new RequestError('NOT_FOUND', `session not found: ${String(p.key)}`);
        if (!s.hasActiveRun) return { ok: true, aborted: false };
        this.agentEvent(s.key, 'lifecycle', {
          phase: 'error',
          error: 'aborted by operator',
          aborted: true,
          stopReason: 'aborted',
        });
        this.endSession(s.key, { input: 0, output: 0 }, 'aborted');
        return { ok: true, aborted: true };
      }
      default:
        throw new RequestError('UNKNOWN_METHOD', `unknown method: ${method}`);
    }
  }

  private finishedRun(
    job: SimJob,
    runAtMs: number,
    sessionKey: string,
    o: RunOutcome,
    manual: boolean,
    { input, output }: { input: number; output: number },
  ): SimRun {
    return {
      jobId: job.id,
      runId: manual ? `manual:${job.id}:${runAtMs}:1` : `${job.id}:${runAtMs}`,
      runAtMs,
      ts: runAtMs + o.durationMs,
      action: 'finished',
      status: o.error ? 'error' : 'ok',
      ...(o.error
        ? { error: o.error, ...(o.timedOut ? { errorReason: 'timeout' as const } : {}) }
        : { summary: o.summary ?? `${job.name}: done.` }),
      durationMs: o.durationMs,
      sessionKey,
      ...MODEL,
      usage: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      jobName: job.name,
    };
  }

  private applyRunToJob(job: SimJob, run: SimRun) {
    job.state = {
      ...job.state,
      lastRunAtMs: run.runAtMs,
      lastStatus: run.status,
      lastDurationMs: run.durationMs,
      consecutiveErrors: run.status === 'error' ? job.state.consecutiveErrors + 1 : 0,
    };
    this.scheduleNext(job);
  }

  /** As OpenClaw does after each run and each edit: the job's next time from its schedule (none while disabled). */
  scheduleNext(job: SimJob) {
    const s = job.schedule;
    if (s.kind === 'at') {
      job.state.nextRunAtMs = job.enabled && job.state.lastRunAtMs === undefined ? Date.parse(s.at) : undefined;
      return;
    }
    const like =
      s.kind === 'cron'
        ? { schedule: s.expr, timezone: s.tz ?? null, schedule_kind: 'cron' as const, schedule_spec: {} }
        : { schedule: '', timezone: null, schedule_kind: 'every' as const, schedule_spec: { everyMs: s.everyMs } };
    const anchor = job.state.lastRunAtMs === undefined ? undefined : new Date(job.state.lastRunAtMs);
    job.state.nextRunAtMs = job.enabled ? nextRuns(like, 1, new Date(), anchor)[0]?.getTime() : undefined;
  }

  private upsertSession(
    s: Pick<SimSession, 'key' | 'label' | 'classification' | 'hasActiveRun'> & Partial<SimSession>,
  ) {
    const now = Date.now();
    const row: SimSession = this.sessions.get(s.key) ?? {
      sessionId: randomUUID(),
      agentId: 'main',
      spawnDepth: 0,
      childSessions: [],
      abortedLastRun: false,
      createdAt: now,
      updatedAt: now,
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 0,
      estimatedCostUsd: 0,
      model: MODEL.model,
      modelProvider: MODEL.provider,
      ...s,
    };
    Object.assign(row, s, { updatedAt: now });
    this.sessions.set(s.key, row);
    this.broadcast('sessions.changed', {
      sessionKey: row.key,
      agentId: row.agentId,
      reason: 'updated',
      ts: now,
      session: row,
    });
  }

  private endSession(
    key: string,
    tokens: { input: number; output: number },
    outcome: 'done' | 'failed' | 'aborted',
    endedAt = Date.now(),
  ) {
    const s = this.sessions.get(key);
    if (!s) return;
    this.upsertSession({
      ...s,
      hasActiveRun: false,
      status: outcome === 'failed' ? 'failed' : 'done',
      abortedLastRun: outcome === 'aborted',
      endedAt,
      inputTokens: s.inputTokens + tokens.input,
      outputTokens: s.outputTokens + tokens.output,
      totalTokens: s.totalTokens + tokens.input + tokens.output,
      estimatedCostUsd: s.estimatedCostUsd + costOf(tokens),
    });
  }

  private agentEvent(sessionKey: string, stream: string, data: Record<string, unknown>) {
    this.broadcast('agent', { runId: sessionKey, sessionKey, agentId: 'main', stream, data, ts: Date.now() });
  }

  /** A tool call in a session, as the agent reports it (start, then its result). */
  toolCall(sessionKey: string, name: string, args: unknown, result: unknown) {
    const toolCallId = `call_${randomUUID().slice(0, 8)}`;
    this.agentEvent(sessionKey, 'tool', { phase: 'start', name, toolCallId, args });
    this.later(300, () => this.agentEvent(sessionKey, 'tool', { phase: 'result', name, toolCallId, args, result }));
  }

  /**
   * A chat message in a session, kept in its transcript and streamed to subscribers; `at` a time past (a message
   * written before anyone listened: kept, not streamed), `tokens` an assistant message's model usage.
   */
  message(
    sessionKey: string,
    role: 'user' | 'assistant',
    text: string,
    opts: { at?: number; tokens?: { input: number; output: number } } = {},
  ) {
    const id = randomUUID();
    const s = this.sessions.get(sessionKey);
    if (s && role === 'assistant') s.lastMessagePreview = text.slice(0, 200);
    const t = opts.tokens;
    const message: SimMessage = {
      role,
      content: text,
      timestamp: opts.at ?? Date.now(),
      ...(t ? { usage: { ...t, totalTokens: t.input + t.output, cost: { total: costOf(t) } } } : {}),
      __openclaw: { id },
    };
    this.transcripts.set(sessionKey, [...(this.transcripts.get(sessionKey) ?? []), message]);
    if (opts.at == null) this.broadcast('session.message', { sessionKey, agentId: 'main', messageId: id, message });
  }

  /** A chat's past conversation, as OpenClaw would hold it before the studio first listened (not streamed). */
  pastChat(
    key: string,
    label: string,
    turns: { role: 'user' | 'assistant'; text: string; at: number; tokens?: { input: number; output: number } }[],
  ) {
    const tokens = turns.reduce(
      (sum, t) => ({ input: sum.input + (t.tokens?.input ?? 0), output: sum.output + (t.tokens?.output ?? 0) }),
      { input: 0, output: 0 },
    );
    this.upsertSession({ key, label, classification: 'main', hasActiveRun: false, status: 'done' });
    for (const t of turns) this.message(key, t.role, t.text, t);
    Object.assign(this.sessions.get(key)!, {
      createdAt: turns[0]!.at,
      updatedAt: turns.at(-1)!.at,
      endedAt: turns.at(-1)!.at,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      totalTokens: tokens.input + tokens.output,
      estimatedCostUsd: costOf(tokens),
    });
  }

  /** A chat turn: the owner's message and the agent's reply, as a run of the session. */
  chatTurn(key: string, ask: string, reply: string, tokens: { input: number; output: number }) {
    const s = this.sessions.get(key);
    if (!s) return;
    this.upsertSession({ ...s, hasActiveRun: true });
    this.agentEvent(key, 'lifecycle', { phase: 'start' });
    this.message(key, 'user', ask);
    this.later(1_500, () => {
      this.message(key, 'assistant', reply, { tokens });
      this.agentEvent(key, 'lifecycle', { phase: 'end' });
      this.endSession(key, tokens, 'done');
    });
  }

  /**
   * OpenClaw's reset (`/new`, `sessions.reset`, the daily reset): the key and its sessionId stay, the transcript
   * begins anew at a marker, and the list counts the new conversation only.
   */
  reset(key: string) {
    const s = this.sessions.get(key);
    if (!s) return;
    const marker: SimMessage = {
      role: 'system',
      content: [{ type: 'text', text: 'Reset' }],
      timestamp: Date.now(),
      __openclaw: { id: randomUUID().slice(0, 8), kind: 'reset' },
    };
    this.transcripts.set(key, [marker]);
    const { status: _, endedAt: __, ...rest } = s;
    this.sessions.set(key, { ...rest, inputTokens: 0, outputTokens: 0, totalTokens: 0, estimatedCostUsd: 0 });
    this.upsertSession(this.sessions.get(key)!);
  }

  private broadcast(event: string, payload: unknown) {
    const text = JSON.stringify({ type: 'event', event, payload, seq: ++this.seq });
    for (const ws of this.clients) ws.send(text);
  }

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }
}
