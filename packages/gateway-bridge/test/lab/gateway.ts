// The OpenClaw lab: a real OpenClaw gateway (the pinned release, on the Node 26 binary from the cache), in an
// isolated temp folder (HOME, state dir, TMPDIR, workspace), offline on 127.0.0.1, with the mock model as
// its only provider. One per test file: it takes ~10 s to start and ~1 GB of memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { ensureLabInstalled, OPENCLAW_VERSION, type LabInstall } from './install';
import { MOCK_MODEL_ID, MockModel } from './mock-model';

export { OPENCLAW_VERSION };

// it starts in ~45 s on an idle machine; a loaded one (parallel test files) has taken over 90 s, and so did each of
// three started at once beside a CPU hog at load 34 (lab-fleet): the tests' one deadline (TEST_DEADLINE_MS) only
// ends a hung start
const READY_TIMEOUT_MS = 300_000;

export interface Lab {
  /** ws://127.0.0.1:<port> */
  url: string;
  token: string;
  port: number;
  workspaceDir: string;
  configPath: string;
  stateDir: string;
  /** The temp folder holding everything (removed by stop()). */
  root: string;
  mock: MockModel;
  install: LabInstall;
  /** Time from spawn to hello-ok of the last start. */
  startMs: number;
  /** The gateway's pid while it runs. */
  readonly pid: number | null;
  /** The last lines of the gateway's stdout/stderr. */
  logTail(lines?: number): string;
  /** What the gateway tried to reach beyond loopback (refused by the offline guard), one line each. */
  blockedNetwork(): string[];
  /** SIGKILLs the gateway (its whole process group); state and port stay for a restart. */
  kill(): Promise<void>;
  /** Starts the gateway again on the same port and state; resolves at hello-ok. */
  restart(): Promise<void>;
  /** Kills the gateway and the mock, removes the temp folder. Safe to call twice. */
  stop(): Promise<void>;
}

export interface LabOptions {
  /** Extra top-level config merged into openclaw.json (shallow). */
  config?: Record<string, unknown>;
  /** Extra environment for the gateway (e.g. NODE_OPTIONS for a diagnostic preload). */
  env?: Record<string, string>;
  /**
   * An OpenClaw profile (`openclaw --profile <name>`) in a home folder of the test's, which several labs may share
   * as profiles of one machine share theirs: the state is `<home>/.openclaw-<name>` (left there by stop()).
   */
  profile?: { home: string; name: string };
}

/** Process groups still running, killed when the test process exits however it exits. */
const live = new Set<number>();
let exitHooked = false;
function hookExit() {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = () => {
    for (const pgid of live) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    live.clear();
  };
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const)[sig]);
    });
  }
}

/** An environment that inherits nothing. (Next's typings, seen by the web e2e tests that import this file, make NODE_ENV required.) */
const cleanEnv = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

/**
 * A tiny detached process that SIGKILLs the gateway's process group and removes the lab folder once the
 * test process is gone, even when it died by SIGKILL (no exit hook runs then); it exits by itself when the
 * gateway does.
 */
function spawnWatchdog(gatewayPid: number, root: string): ChildProcess {
  const code = `
    const [owner, gw] = process.argv.slice(1, 3).map(Number);
    const root = process.argv[3];
    const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
    setInterval(() => {
      if (!alive(gw)) process.exit(0);
      if (!alive(owner)) {
        try { process.kill(-gw, 'SIGKILL'); } catch {}
        setTimeout(() => { require('node:fs').rmSync(root, { recursive: true, force: true, maxRetries: 3 }); process.exit(0); }, 500);
      }
    }, 1000);`;
  const dog = spawn(process.execPath, ['-e', code, String(process.pid), String(gatewayPid), root], {
    detached: true,
    stdio: 'ignore',
    env: cleanEnv({ PATH: process.env.PATH ?? '' }),
  });
  dog.unref();
  return dog;
}

/**
 * Preloaded into the gateway (NODE_OPTIONS=--import): name lookups and TCP connections to anything but
 * loopback fail as an offline machine's would (ENOTFOUND), and are listed in OPENCLAW_LAB_BLOCKED_LOG.
 * OpenClaw's fetch guard resolves names itself before it connects, so a refused lookup stops the request.
 */
const OFFLINE_GUARD = `// OpenClaw lab offline guard (written by packages/gateway-bridge/test/lab/gateway.ts)
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';
const LOG = process.env.OPENCLAW_LAB_BLOCKED_LOG;
const local = (h) => {
  const v = String(h ?? 'localhost').replace(/^\\[|\\]$/g, '').toLowerCase();
  return v === '' || v === 'localhost' || v.endsWith('.localhost') || v === '::1' || v === '::' || v === '0.0.0.0' || /^(::ffff:)?127\\./.test(v);
};
const note = (what) => { try { if (LOG) fs.appendFileSync(LOG, new Date().toISOString() + ' pid ' + process.pid + ' ' + what + '\\n'); } catch {} };
const refused = (host) => Object.assign(new Error('getaddrinfo ENOTFOUND ' + host + ' (the OpenClaw lab is offline)'), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
const lookup = dns.lookup;
dns.lookup = function (host, options, callback) {
  if (local(host)) return lookup.apply(this, arguments);
  note('lookup ' + host);
  const cb = typeof options === 'function' ? options : callback;
  process.nextTick(() => cb(refused(host)));
  return {};
};
const lookupAsync = dns.promises.lookup;
dns.promises.lookup = async function (host, ...rest) {
  if (local(host)) return lookupAsync.call(this, host, ...rest);
  note('lookup ' + host);
  throw refused(host);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const a = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = a && typeof a === 'object' ? (a.path ? 'localhost' : a.host) : typeof a === 'number' || /^\\d+$/.test(String(a)) ? (typeof args[1] === 'string' ? args[1] : 'localhost') : 'localhost';
  if (!local(host)) {
    note('connect ' + host);
    process.nextTick(() => this.destroy(refused(host)));
    return this;
  }
  return connect.apply(this, args);
};
`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The providers the lab configures, all served by the one mock model. `mock` is the agents' default; the
 * others exist for failure tests (`payload.model: 'mock-b/mock-1'`): OpenClaw disables a provider's key for
 * about a minute after a 401 or a quota 429, and that must not fail the tests that follow.
 */
export const LAB_PROVIDERS = ['mock', 'mock-b', 'mock-c', 'mock-d'] as const;

function configText(o: {
  port: number;
  token: string;
  mockUrl: string;
  workspaceDir: string;
  logFile: string;
  extra?: Record<string, unknown>;
}): string {
  const provider = {
    baseUrl: o.mockUrl,
    api: 'openai-completions', // POST {baseUrl}/chat/completions, streamed
    apiKey: 'sk-mock',
    models: [
      {
        id: MOCK_MODEL_ID,
        name: 'Mock 1',
        reasoning: false,
        input: ['text'],
        cost: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 }, // $/1M tokens: usage shows a cost
        contextWindow: 128000,
        maxTokens: 4096,
      },
    ],
  };
  const config: Record<string, unknown> = {
    gateway: { mode: 'local', port: o.port, bind: 'loopback', auth: { mode: 'token', token: o.token } },
    models: {
      mode: 'merge',
      providers: Object.fromEntries(LAB_PROVIDERS.map((id) => [id, provider])),
      catalogRefresh: { enabled: false }, // else it fetches https://catalog.openclaw.ai/models/v1/catalog.json
    },
    agents: {
      defaults: { model: { primary: `mock/${MOCK_MODEL_ID}` }, workspace: o.workspaceDir, heartbeat: { every: '0m' } },
    },
    plugins: { entries: { 'memory-core': { config: { dreaming: { enabled: false } } } } },
    update: { checkOnStart: false },
    discovery: { mdns: { mode: 'off' } },
    logging: { file: o.logFile },
    ...o.extra,
  };
  // JSON is JSON5; the header says what wrote it
  return `// OpenClaw lab config (written by packages/gateway-bridge/test/lab/gateway.ts)\n${JSON.stringify(config, null, 2)}\n`;
}

/** Resolves at the gateway's hello-ok for a plain token connect (what readiness means, not a log line). */
function probeHello(url: string, token: string, timeoutMs = 5_000): Promise<{ version: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no hello-ok in time'));
    }, timeoutMs);
    const done = (err: Error | null, v?: { version: string }) => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.close();
      if (err) reject(err);
      else resolve(v!);
    };
    ws.on('error', (err) => done(err));
    ws.on('close', (code) => done(new Error(`closed (${code})`)));
    ws.on('message', (data) => {
      let frame: {
        type?: string;
        event?: string;
        id?: string;
        ok?: boolean;
        payload?: { server?: { version?: string } };
        error?: { message?: string };
      };
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (frame.type === 'event' && frame.event === 'connect.challenge') {
        const params = {
          minProtocol: 4,
          maxProtocol: 4,
          client: {
            id: 'gateway-client',
            mode: 'backend',
            version: '0.0.0',
            platform: 'linux',
            displayName: 'openclaw-lab-probe',
          },
          role: 'operator',
          scopes: ['operator.read'],
          auth: { token },
        };
        ws.send(JSON.stringify({ type: 'req', id: 'probe', method: 'connect', params }));
      } else if (frame.type === 'res' && frame.id === 'probe') {
        if (frame.ok) done(null, { version: frame.payload?.server?.version ?? '?' });
        else done(new Error(`connect refused: ${frame.error?.message ?? 'unknown'}`));
      }
    });
  });
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  hookExit();
  const install = await ensureLabInstalled();
  const mock = new MockModel();
  await mock.start();

  const root = mkdtempSync(join(tmpdir(), 'openclaw-lab-'));
  const home = opts.profile?.home ?? join(root, 'home');
  const stateDir = join(home, opts.profile ? `.openclaw-${opts.profile.name}` : '.openclaw');
  const configPath = join(stateDir, 'openclaw.json');
  const workspaceDir = join(root, 'workspace');
  const tmp = join(root, 'tmp');
  const logs = join(root, 'logs');
  for (const d of [stateDir, workspaceDir, tmp, logs]) mkdirSync(d, { recursive: true });
  const outFile = join(logs, 'gateway.out');
  const guardFile = join(root, 'offline-guard.mjs');
  const blockedLog = join(logs, 'blocked-network.log');
  writeFileSync(guardFile, OFFLINE_GUARD);
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const url = `ws://127.0.0.1:${port}`;
  writeFileSync(
    configPath,
    configText({
      port,
      token,
      mockUrl: mock.baseUrl,
      workspaceDir,
      logFile: join(logs, 'openclaw.log'),
      extra: opts.config,
    }),
  );

  const env = cleanEnv({
    // a clean environment: nothing of the test process (NODE_OPTIONS, npm_*, proxies) leaks into the gateway
    PATH: `${dirname(install.nodeBin)}:/usr/local/bin:/usr/bin:/bin`,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    HOME: home,
    TMPDIR: tmp, // OpenClaw also writes into os.tmpdir() (logs, locks)
    // Node's compile cache of OpenClaw's modules in the lab's cache, shared by every start (OpenClaw's default is
    // under os.tmpdir(), cold in each lab: a start took 16.6 s of CPU cold, 12.4 s warm). The second variable
    // keeps its launcher from starting itself again to move that cache into a folder of its own.
    NODE_COMPILE_CACHE: join(install.cacheDir, 'compile-cache'),
    OPENCLAW_PACKAGED_COMPILE_CACHE_RESPAWNED: '1',
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: configPath,
    OPENCLAW_GATEWAY_TOKEN: token,
    // offline and quiet: no mDNS, no chat channels, no update checks, one pid, no shell snapshot
    OPENCLAW_DISABLE_BONJOUR: '1',
    OPENCLAW_SKIP_CHANNELS: '1',
    OPENCLAW_NO_AUTO_UPDATE: '1',
    OPENCLAW_NO_RESPAWN: '1',
    OPENCLAW_EXEC_SHELL_SNAPSHOT: '0',
    CLAWHUB_DISABLE_TELEMETRY: '1',
    NO_COLOR: '1',
    // what no flag turns off (the hosted plugin catalog feed on clawhub.ai, fetched ~35 s after start) is
    // refused by the offline guard, in every process and worker of the gateway
    NODE_OPTIONS: `--import=${pathToFileURL(guardFile).href}`,
    OPENCLAW_LAB_BLOCKED_LOG: blockedLog,
    ...opts.env,
  });

  let child: ChildProcess | null = null;
  let watchdog: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;

  // stdout/stderr; the same lines as JSON, with more detail, are in logs/openclaw.log
  const logTail = (lines = 60) =>
    existsSync(outFile)
      ? `--- ${outFile} (tail)\n${readFileSync(outFile, 'utf8').split('\n').slice(-lines).join('\n')}`
      : '';

  // OpenClaw gives its state-lease heartbeat a fixed 5 s to come up and exits when a busy machine misses it:
  // that start is tried again (twice at most); any other early exit is the test's failure.
  const spawnGateway = async (attempt = 1): Promise<void> => {
    const logStart = existsSync(outFile) ? statSync(outFile).size : 0;
    const out = openSync(outFile, 'a');
    const started = Date.now();
    const proc = spawn(
      install.nodeBin,
      [
        install.openclawEntry,
        ...(opts.profile ? ['--profile', opts.profile.name] : []),
        'gateway',
        'run',
        '--port',
        String(port),
        '--bind',
        'loopback',
      ],
      {
        cwd: root,
        env,
        detached: true, // its own process group: kill() takes its children too
        stdio: ['ignore', out, out],
      },
    );
    closeSync(out);
    if (proc.pid === undefined) {
      const err = await new Promise<Error>((r) => proc.once('error', r));
      throw new Error(`could not start ${install.nodeBin}: ${err.message}`);
    }
    child = proc;
    const pid = proc.pid;
    live.add(pid);
    watchdog = spawnWatchdog(pid, root);
    let exitInfo: string | null = null;
    exited = new Promise<void>((done) => {
      proc.once('exit', (code, signal) => {
        exitInfo = `exited with ${code ?? signal}`;
        live.delete(pid);
        done();
      });
      proc.once('error', (err) => {
        exitInfo = `could not start: ${err.message}`;
        live.delete(pid);
        done();
      });
    });
    const deadline = started + READY_TIMEOUT_MS;
    let lastError = '';
    for (;;) {
      if (exitInfo) {
        const attemptLog = readFileSync(outFile).subarray(logStart).toString();
        if (attempt < 3 && attemptLog.includes('state lease heartbeat did not become ready')) {
          await killGroup(); // what the failed start left behind (its watchdog, any child process)
          return spawnGateway(attempt + 1);
        }
        throw new Error(`the OpenClaw gateway ${exitInfo} before it was ready\n${logTail()}`);
      }
      const hello = await probeHello(url, token).catch((err: Error) => {
        lastError = err.message;
        return null;
      });
      if (hello) {
        if (hello.version !== OPENCLAW_VERSION)
          throw new Error(`the gateway says version ${hello.version}, expected ${OPENCLAW_VERSION}`);
        lab.startMs = Date.now() - started;
        return;
      }
      if (Date.now() > deadline) {
        const tail = logTail();
        await killGroup();
        throw new Error(
          `the OpenClaw gateway was not ready within ${READY_TIMEOUT_MS / 1000} s (last: ${lastError})\n${tail}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const killGroup = async () => {
    watchdog?.kill('SIGKILL');
    watchdog = null;
    const proc = child;
    if (!proc?.pid) return;
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    live.delete(proc.pid);
    child = null;
  };

  const lab: Lab = {
    url,
    token,
    port,
    workspaceDir,
    configPath,
    stateDir,
    root,
    mock,
    install,
    startMs: 0,
    get pid() {
      return child?.pid ?? null;
    },
    logTail,
    blockedNetwork: () => (existsSync(blockedLog) ? readFileSync(blockedLog, 'utf8').split('\n').filter(Boolean) : []),
    kill: killGroup,
    async restart() {
      await killGroup();
      await spawnGateway();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup();
      await mock.stop();
      rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };

  try {
    await spawnGateway();
  } catch (err) {
    await lab.stop();
    throw err;
  }
  return lab;
}
