// A real OpenClaw gateway (the lab), the studio's bridge as a process the test can SIGKILL (`agent-studio
// bridge` on the test's Postgres), and the test's own operator connection to the gateway: what the soak and
// the kill loop stand on. `labRig()` registers the suite's before/after hooks.
//
// Postgres only: the bridge is SIGKILLed as a process while the test reads its database, and PGlite is one
// process's database (no second reader, no lock).
//   LAB_VERBOSE=1  prints the bridge's output.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getCheckpoint } from '@agent-studio/database';
import { createPostgresDatabase, TEST_DEADLINE_MS, type TestDatabase } from '@agent-studio/database/testing';
import { GatewayClient, type GatewayEvent } from '../../src/gateway/client';
import { loadOrCreateDevice } from '../../src/gateway/device-identity';
import { startLab, type Lab } from './gateway';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));

export type CronEvent = { jobId?: string; action?: string; runAtMs?: number; status?: string };
export interface BridgeProcess {
  child: ChildProcess;
  ended: Promise<NodeJS.Signals | number | null>;
  output: () => string;
}

export class LabRig {
  /** Everything the gateway sent the test's operator connection, in order. */
  readonly events: GatewayEvent[] = [];
  bridge: BridgeProcess | null = null;
  gtmDir: string;

  constructor(
    readonly t: TestDatabase,
    readonly lab: Lab,
    readonly op: GatewayClient,
    private readonly dir: string,
  ) {
    this.gtmDir = join(lab.workspaceDir, 'gtm');
    op.on('event', (e) => this.events.push(e));
  }

  /** Polls `fn` until it returns something truthy; the deadline only ends a hung test (and shows why). */
  async until<T>(
    what: string,
    fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ): Promise<T> {
    const deadline = Date.now() + TEST_DEADLINE_MS;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(
          `timed out after ${TEST_DEADLINE_MS / 1000} s waiting for ${what}\n--- bridge output (tail)\n${this.bridge?.output().slice(-3000) ?? ''}\n${this.lab.logTail(25)}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** A gateway method, through the test's own operator connection. */
  async call<T>(method: string, params: unknown = {}): Promise<T> {
    await this.until('the test operator connected', () => this.op.connected);
    return this.op.request<T>(method, params, { timeoutMs: TEST_DEADLINE_MS });
  }

  /** `agent-studio bridge` on the test's Postgres, beside the lab gateway. */
  startBridge(): BridgeProcess {
    const child = spawn(process.execPath, [CLI, 'bridge'], {
      env: {
        PATH: process.env.PATH,
        HOME: join(this.dir, 'home'),
        DATABASE_URL: this.t.url,
        STUDIO_DATA_DIR: join(this.dir, 'studio'),
        OPENCLAW_GATEWAY_URL: this.lab.url,
        OPENCLAW_GATEWAY_TOKEN: this.lab.token,
        OPENCLAW_CONFIG_PATH: this.lab.configPath,
        OPENCLAW_WORKSPACE: this.lab.workspaceDir,
        STUDIO_GTM_DIR: this.gtmDir,
        STUDIO_OPENCLAW_FILES: 'off',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (d: Buffer) => {
      output += d;
      if (process.env.LAB_VERBOSE) process.stderr.write(`[bridge] ${d}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    this.bridge = { child, ended, output: () => output };
    return this.bridge;
  }

  /** SIGKILLs the bridge; resolves once it is gone. */
  async killBridge(): Promise<NodeJS.Signals | number | null> {
    const b = this.bridge;
    this.bridge = null;
    if (!b) return null;
    b.child.kill('SIGKILL');
    return b.ended;
  }

  /** The bridge connected after `afterMs` (a fresh connection, not the one before a kill). */
  connectedSince(afterMs: number) {
    return this.until('the bridge connected to the gateway', async () => {
      const s = await getCheckpoint<{ connected: boolean; since: string }>(this.t.db, 'gateway', 'status');
      return s?.connected && new Date(s.since).getTime() > afterMs && s;
    });
  }

  /** A job that is never due during a test (its runs are forced), running `message` in its own session. */
  addJob(name: string, message: string, opts: { model?: string; timeoutSeconds?: number } = {}) {
    return this.call<{ id: string; name: string }>('cron.add', {
      name,
      schedule: { kind: 'every', everyMs: 3_600_000 },
      sessionTarget: 'isolated',
      wakeMode: 'now',
      payload: {
        kind: 'agentTurn',
        message,
        timeoutSeconds: opts.timeoutSeconds ?? 120,
        ...(opts.model ? { model: opts.model } : {}),
      },
      delivery: { mode: 'none' },
    });
  }

  /** Forces a run; resolves with the gateway's `finished` event for it. */
  async force(jobId: string): Promise<CronEvent> {
    const from = this.events.length;
    const notBefore = Date.now() - 1;
    await this.call('cron.run', { id: jobId, mode: 'force' });
    const finished = await this.until(`the forced run of ${jobId} to finish`, () =>
      this.events.slice(from).find((e) => {
        const p = e.payload as CronEvent;
        return e.event === 'cron' && p.jobId === jobId && p.action === 'finished' && (p.runAtMs ?? 0) >= notBefore;
      }),
    );
    return finished.payload as CronEvent;
  }

  /**
   * A run in flight: forced, and its session already streaming from the mock model. `finished` is wrapped in an
   * object: an async function that returned the promise itself would only resolve once the run had ended.
   */
  async forceInFlight(jobId: string, marker: string): Promise<{ finished: Promise<CronEvent> }> {
    const asked = this.lab.mock.requestsFor(marker).length;
    const finished = this.force(jobId);
    await this.until(`the model answering ${marker}`, () => this.lab.mock.requestsFor(marker).length > asked);
    return { finished };
  }

  /** No run in flight on the gateway. */
  quiet() {
    return this.until('the gateway quiet (no run in flight)', async () => {
      const { sessions } = await this.call<{ sessions: { hasActiveRun?: boolean }[] }>('sessions.list', {
        limit: 500,
        includeGlobal: true,
      });
      return sessions.every((s) => !s.hasActiveRun);
    });
  }
}

/** Registers the suite's hooks: a fresh Postgres database, a lab gateway and an operator; all gone after. */
export function labRig(): () => LabRig {
  let rig: LabRig | undefined;
  let dir = '';
  before(async () => {
    const t = await createPostgresDatabase();
    dir = mkdtempSync(join(tmpdir(), 'studio-lab-rig-'));
    mkdirSync(join(dir, 'home'));
    const lab = await startLab();
    mkdirSync(join(lab.workspaceDir, 'gtm', 'blog'), { recursive: true });
    const op = new GatewayClient({
      url: lab.url,
      token: lab.token,
      device: loadOrCreateDevice(join(dir, 'operator')),
      clientVersion: '0.0.0-lab-rig',
    });
    rig = new LabRig(t, lab, op, dir);
    op.start();
  });
  after(async () => {
    await rig?.killBridge();
    await rig?.op.stop().catch(() => {});
    await rig?.lab.stop();
    await rig?.t.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => rig!;
}
