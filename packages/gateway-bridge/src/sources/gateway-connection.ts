// The gateway source: finds the gateway, keeps the client connected, feeds the mirror, and records the
// connection's state (for /api/health and the dashboard's health strip, and on the gateway's `gateways` row).
import { channelFor } from '@agent-studio/core';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import {
  appendEvent,
  findFileWriter,
  findJobRunAt,
  getAgentSessionByKey,
  getCronJobByExternalId,
  getCronRunBySessionKey,
  linkOutputAuthor,
  listRunsActiveAt,
  listUnlinkedOutputs,
  recordGatewaySeen,
  setCheckpoint,
  touchGateway,
  type Db,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import { GatewayClient, type GatewayEvent, type GatewayStatus } from '../gateway/client';
import { loadGatewayConfig, type GatewayEnv } from '../gateway/config';
import { loadOrCreateDevice } from '../gateway/device-identity';
import type { Logger } from '../logger';
import { GatewayMirror, type Step } from '../mirror/gateway-mirror';
import { SOURCE, cronJobIdOfKey } from '../mirror/translate';
import { SerialQueue } from './serial-queue';

export type GatewayTarget = { url: string; token: string; workspaceDir?: string } | { env: GatewayEnv };

const RECONCILE_EVERY_MS = 60_000;
// after a step fails (the database away), catch up this soon, then ever later up to the regular reconcile
const CATCH_UP_FIRST_MS = 1_000;
const SESSIONS_AFTER_RUN_MS = 2_000;
const AUTHOR_WAIT_MS = 5_000;
// content files whose author was not known when they were imported are linked again: after a (re)connect those
// of the last week (written while the studio was away), on every other reconcile those of the last minutes
// (their run's record came after the file)
const RELINK_AFTER_CONNECT_MS = 7 * 86_400_000;
const RELINK_RECENT_MS = 10 * 60_000;
const CLIENT_VERSION = '0.1.0';

export class GatewayConnection {
  client: GatewayClient | null = null;
  workspaceDir: string | undefined;
  /** When the last complete reconcile began: every run that started before then is in the database. */
  reconciledAt: Date | null = null;
  /**
   * Whether the database has every run the gateway has, with its end: true once a reconcile after the
   * (re)connect has listed what happened while the studio was away, false while disconnected. Until then a
   * run killed mid-way still looks "running", and a run of the outage is missing.
   */
  private runsComplete = false;
  readonly mirror: GatewayMirror;
  /** Events are mirrored one at a time, in arrival order. */
  private readonly queue = new SerialQueue((err) => {
    this.opts.logger.warn('gateway mirror: step failed, catching up from the gateway soon', err);
    this.scheduleCatchUp();
  });
  private timer: ReturnType<typeof setInterval> | null = null;
  private catchUp: ReturnType<typeof setTimeout> | null = null;
  private sessionsTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: GatewayEvent[] = [];
  /** The sessions of runs and turns that ended since the last refresh (their transcripts are read back then). */
  private finishedRuns = new Set<string>();
  private catchUpDelay = CATCH_UP_FIRST_MS;
  /** The reconcile going on (one at a time), and whether another was asked for meanwhile. */
  private reconciling: Promise<void> | null = null;
  private reconcileAgain: { afterConnect: boolean } | null = null;
  /** Set by stop(): a reconcile's remaining writes are dropped rather than waited for. */
  private stopping = false;

  /** The gateway's URL, once its config is read. */
  private url: string | null = null;

  constructor(
    private readonly opts: {
      db: Db;
      /** The gateway's row in `gateways`: every row mirrored from it names it. */
      gatewayId: string;
      /** This bridge, as the gateway's row names what serves it. */
      servedBy: string;
      target: GatewayTarget;
      identityDir: string;
      logger: Logger;
      onReconciled?: () => void;
    },
  ) {
    this.mirror = new GatewayMirror(opts.db, opts.logger, opts.gatewayId);
  }

  /** What command handlers call; null while disconnected. */
  get calls(): GatewayCalls | null {
    return this.client?.connected ? this.client : null;
  }

  async start(): Promise<void> {
    const { target, logger } = this.opts;
    let url: string;
    let token: string;
    try {
      const config = 'env' in target ? loadGatewayConfig(target.env) : { ...target, workspaceDir: target.workspaceDir };
      ({ url, token } = config);
      this.url = url;
      this.workspaceDir = config.workspaceDir;
    } catch (err) {
      logger.warn(`OpenClaw is not configured, so nothing is mirrored: ${(err as Error).message}`);
      await this.record({
        connected: false,
        since: new Date(),
        version: null,
        methods: null,
        error: (err as Error).message,
      });
      return;
    }
    const client = new GatewayClient({
      url,
      token,
      device: loadOrCreateDevice(this.opts.identityDir),
      clientVersion: CLIENT_VERSION,
    });
    this.client = client;
    client.on('status', (s) => {
      logger[s.connected ? 'info' : 'warn'](
        s.connected
          ? `connected to the OpenClaw gateway ${url} (${s.version})`
          : `gateway ${url} not connected: ${s.error ?? 'unknown reason'}`,
      );
      if (!s.connected) this.runsComplete = false;
      this.enqueue(() => this.record(s));
    });
    client.on('hello', () => this.requestReconcile({ afterConnect: true }));
    client.on('event', (e) => {
      // events wait here while the mirror is busy, and are then written as one batch
      this.pending.push(e);
      const ended = endedRun(e);
      if (ended) {
        if (ended.sessionKey) this.finishedRuns.add(ended.sessionKey);
        this.refreshSessionsSoon();
      }
      if (this.pending.length === 1) {
        this.enqueue(async () => {
          if (!(await this.mirror.handleAll(this.pending.splice(0)))) this.scheduleCatchUp();
        });
      }
    });
    client.start();
    this.timer = setInterval(() => this.requestReconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.catchUp) clearTimeout(this.catchUp);
    if (this.sessionsTimer) clearTimeout(this.sessionsTimer);
    await this.client?.stop();
    await this.reconciling?.catch(() => {});
    await this.idle();
  }

  /** Resolves when every event received so far is in the database. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /**
   * Who wrote a GTM file: the session whose write tool call named it (and that session's run), else the run
   * going on when it was written, if only one was (overlapping runs of other jobs are not guessed between) and
   * the studio knows all runs (else the file waits, unlinked, for the reconcile after the connect to link it).
   */
  async findAuthor(
    path: string,
    writtenAt: Date,
    opts: { waitForMirror?: boolean } = {},
  ): Promise<{ jobId?: string; runId?: string; sessionId?: string } | null> {
    const { db, gatewayId } = this.opts;
    // the agent's tool call and its run reach us as events that may still be queued behind others: let the
    // mirror catch up first (bounded, a busy gateway must not hold content back)
    if (opts.waitForMirror !== false)
      await Promise.race([this.idle(), new Promise((r) => setTimeout(r, AUTHOR_WAIT_MS).unref())]);
    const writer = await findFileWriter(db, path, writtenAt, gatewayId);
    if (writer) {
      // a cron run's own session key is only on its run once it finishes: until then, the job's run going on
      const jobExternal = cronJobIdOfKey(writer.session_key);
      const jobId =
        writer.cron_job_id ??
        (jobExternal ? ((await getCronJobByExternalId(db, SOURCE, jobExternal, gatewayId))?.id ?? null) : null);
      const run =
        (await getCronRunBySessionKey(db, writer.session_key, gatewayId)) ??
        (jobId ? await findJobRunAt(db, jobId, writer.at) : null);
      return { sessionId: writer.session_id, jobId: run?.job_id ?? jobId ?? undefined, runId: run?.id };
    }
    // "the only run going on then" is known only once the runs of an outage and their ends are in: before that,
    // a run the studio saw begin before a crash would be taken for the writer of everything since
    if (!this.runsComplete) return null;
    const runs = await listRunsActiveAt(db, writtenAt, gatewayId);
    if (runs.length !== 1) return null;
    const [run] = runs;
    const session = run!.session_key ? await getAgentSessionByKey(db, run!.session_key, gatewayId) : null;
    return { jobId: run!.job_id, runId: run!.id, sessionId: session?.id };
  }

  /** Content files imported before their author was known (written while the studio was away) are linked now. */
  private async relinkContent(step: Step, afterConnect: boolean) {
    const { db, gatewayId } = this.opts;
    for (const out of await listUnlinkedOutputs(
      db,
      new Date(Date.now() - (afterConnect ? RELINK_AFTER_CONNECT_MS : RELINK_RECENT_MS)),
      gatewayId,
    )) {
      const st = await stat(out.source_file_path).catch(() => null);
      if (!st) continue;
      const author = await this.findAuthor(out.source_file_path, st.mtime, { waitForMirror: false });
      if (author) await step(() => db.transaction((tx) => linkOutputAuthor(tx, out.id, author)));
    }
  }

  private enqueue(job: () => Promise<void>) {
    this.queue.add(job);
  }

  /** What runs that end change (their sessions' cost, their transcripts) read again shortly after (debounced). */
  private refreshSessionsSoon() {
    if (this.sessionsTimer) return;
    this.sessionsTimer = setTimeout(() => {
      this.sessionsTimer = null;
      const runs = [...this.finishedRuns];
      this.finishedRuns.clear();
      // asked outside the queue: a slow answer must not hold live events back
      const gw = this.calls;
      if (!gw?.supports('sessions.list')) return;
      this.mirror
        .afterRuns(gw, runs, this.step)
        .catch((err) =>
          this.opts.logger.warn('gateway: the sessions of ended runs and chat turns were not read again', err),
        );
    }, SESSIONS_AFTER_RUN_MS);
    this.sessionsTimer.unref();
  }

  /** A reconcile soon after a failure (e.g. the database restarting), backing off while it keeps failing. */
  private scheduleCatchUp() {
    if (this.catchUp) return;
    this.catchUp = setTimeout(() => {
      this.catchUp = null;
      // an after-connect reconcile that failed is tried again as one (the outage's runs, history and files)
      this.requestReconcile({ afterConnect: !this.runsComplete });
    }, this.catchUpDelay);
    this.catchUp.unref();
    this.catchUpDelay = Math.min(this.catchUpDelay * 2, RECONCILE_EVERY_MS);
  }

  /**
   * A write run in turn with the live events (the reconcile's writes: its gateway calls are made outside the
   * queue). It first lets pending I/O in: PGlite runs in this thread and answers without ever yielding to the
   * event loop, so steps chained back to back would keep the gateway's next message unread until the last one.
   */
  private readonly step: Step = (write) =>
    new Promise((resolve, reject) => {
      this.queue.add(async () => {
        await yieldToIo();
        // A stopping bridge leaves the rest of a reconcile to its next start, as a crash would (the checkpoints
        // move only at the end): at load 20 the demo's thousands of sessions, a step each, outlasted a 60 s stop
        if (this.stopping) return reject(new Error('the bridge is stopping'));
        await write().then(resolve, reject);
      });
    });

  /** Starts a reconcile, or asks for another once the one going on ends (`afterConnect` is kept). */
  private requestReconcile(opts: { afterConnect?: boolean } = {}) {
    if (this.reconciling) {
      this.reconcileAgain = { afterConnect: Boolean(opts.afterConnect || this.reconcileAgain?.afterConnect) };
      return;
    }
    this.reconciling = this.reconcile(opts)
      .catch((err) => {
        if (this.stopping) return;
        this.opts.logger.warn('gateway mirror: the reconcile failed, catching up from the gateway soon', err);
        this.scheduleCatchUp();
      })
      .finally(() => {
        this.reconciling = null;
        const again = this.reconcileAgain;
        this.reconcileAgain = null;
        if (again && !this.stopping) this.requestReconcile(again);
      });
  }

  private async reconcile(opts: { afterConnect?: boolean }) {
    const gw = this.calls;
    if (!gw) return;
    const started = new Date();
    await this.mirror.reconcile(gw, this.step, opts);
    if (opts.afterConnect && this.calls) this.runsComplete = true;
    await this.relinkContent(this.step, Boolean(opts.afterConnect));
    this.reconciledAt = started;
    await touchGateway(this.opts.db, this.opts.gatewayId);
    this.catchUpDelay = CATCH_UP_FIRST_MS;
    this.opts.onReconciled?.();
  }

  private async record(s: GatewayStatus) {
    const status = {
      connected: s.connected,
      since: s.since.toISOString(),
      version: s.version,
      methods: s.methods,
      error: s.error ?? null,
    };
    await this.opts.db.transaction(async (tx) => {
      const recorded = await recordGatewaySeen(tx, this.opts.gatewayId, {
        url: this.url,
        version: s.version,
        host: this.url ? hostOf(this.url) : null,
        connected: s.connected,
        error: s.error ?? null,
        servedBy: this.opts.servedBy,
      });
      // another bridge serves the gateway now (this one lost its lease): its status is that bridge's to say
      if (!recorded) return;
      await setCheckpoint(tx, 'gateway', 'status', status, this.opts.gatewayId);
      await appendEvent(tx, channelFor.system(), 'gateway.status', {
        connected: s.connected,
        since: status.since,
        version: s.version,
        gatewayId: this.opts.gatewayId,
      });
    });
  }
}

/** The machine a gateway runs on: its URL's host, or this one for a gateway on loopback. */
export function hostOf(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(host) || host.startsWith('127.') ? hostname() : host;
}

/**
 * A cron run that finished, or an agent's turn that ended (a chat's, a sub-agent's: its lifecycle's end or error),
 * with its session's key when the event names it; null for any other event.
 */
function endedRun(e: GatewayEvent): { sessionKey: string | null } | null {
  const p = (e.payload ?? {}) as {
    action?: unknown;
    stream?: unknown;
    sessionKey?: unknown;
    data?: { phase?: unknown };
  };
  const ended =
    (e.event === 'cron' && p.action === 'finished') ||
    (e.event === 'agent' && p.stream === 'lifecycle' && (p.data?.phase === 'end' || p.data?.phase === 'error'));
  return ended ? { sessionKey: typeof p.sessionKey === 'string' ? p.sessionKey : null } : null;
}
