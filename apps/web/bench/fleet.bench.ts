// The fleet (issue 18): 10 simulated gateways, each with its own bridge process (`agent-studio bridge --gateway
// <name>`, as on hosts of their own), all writing to one fresh Postgres database, each gateway streaming the chat
// lines of a running session at 50 a second; a web process (`agent-studio web`) on the same database with 200 SSE
// clients on /api/events, signed in as the owner and subscribed as every studio tab is. Figures: each gateway's
// event → row (the simulator emitting a line → its row and event committed, seen through NOTIFY; goal p99 < 50 ms),
// event → client (the same line read by each client; goal p99 < 100 ms), then the first gateway's event → row
// while the last one's bridge, after a reconnect, reconciles 10,000 sessions it has not seen (goal p99 < 50 ms, as
// when idle), and how many transactions waited for the event outbox's lock meanwhile.
// A smaller run: FLEET_GATEWAYS, FLEET_RATE (lines a second per gateway), FLEET_CLIENTS, FLEET_SECONDS (the
// measured window), FLEET_SESSIONS (the big reconcile's), FLEET_RECONCILE_MAX_S (how long it is measured at most),
// e.g. FLEET_GATEWAYS=3 FLEET_CLIENTS=20 FLEET_SESSIONS=1000 FLEET_SECONDS=10.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listEventsSince, latestEventId, type Db } from '@agent-studio/database';
import { createPostgresDatabase, until } from '@agent-studio/database/testing';
import { ensureWebBuild } from '../../../packages/cli/src/web-build';
import { cliProcess, webProcess, type CliProcess, type WebProcess } from '../../../packages/cli/test/web-process';
import { cpuSeconds, logLoad, ms, pct } from '../../../packages/gateway-bridge/bench/figures';
import { GatewaySimulator } from '../../../packages/gateway-bridge/src/simulator/gateway-simulator';
import { hourlyJob } from '../../../packages/gateway-bridge/test/kit/sim-jobs';
import { now, type ClientsAnswer, type ClientsInput, type ClientsRequest, type Window } from './fleet-clients';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const GATEWAYS = num('FLEET_GATEWAYS', 10);
const RATE = num('FLEET_RATE', 50);
const CLIENTS = num('FLEET_CLIENTS', 200);
const SECONDS = num('FLEET_SECONDS', 30);
const SESSIONS = num('FLEET_SESSIONS', 10_000);
const WARM_UP_MS = 3_000;
/** How long the lines of a window may take to be in the database and read by every client before it is reported. */
const LAG_MAX_MS = 30_000;
/** How long the big reconcile is measured at most (a busy machine takes minutes: 10,000 sessions took 200 s at load 28). */
const RECONCILE_MAX_MS = Number(process.env.FLEET_RECONCILE_MAX_S ?? 240) * 1000;
const RECONCILED = /reconciled with the gateway in (\d+) ms/g;
const TEXT = 'lorem ipsum dolor sit amet '.repeat(6);

interface Member {
  name: string;
  sim: GatewaySimulator;
  bridge: CliProcess;
  /** The running session whose lines it streams. */
  sessionKey: string;
  /** When each of its lines was emitted (wall clock, ms). */
  emitted: number[];
  /** Its bridge's process. */
  pid: number;
}

const reconciles = (m: Member) => [...m.bridge.output().matchAll(RECONCILED)];

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Polls `fn` every `everyMs` until it holds or `capMs` passed; whether it held. */
async function within(capMs: number, fn: () => Promise<boolean>, everyMs = 100): Promise<boolean> {
  for (const end = Date.now() + capMs; Date.now() < end; await sleep(everyMs)) if (await fn()) return true;
  return false;
}

/** The bench's chat lines among the events after `afterId`: their id, gateway and when they were emitted. */
function eventLines(afterId: bigint) {
  const all: { id: bigint; gateway: number; at: number }[] = [];
  let cursor = afterId.toString();
  return {
    /** Reads the events committed since the last read. */
    async read(db: Db) {
      for (;;) {
        const page = await listEventsSince(db, { afterId: cursor, limit: 5000 });
        if (!page.length) return;
        cursor = page.at(-1)!.id;
        for (const e of page) {
          const m = e.type === 'agent.log' && /fleet:(\d+):(\S+)/.exec((e.payload as { message: string }).message);
          if (m) all.push({ id: BigInt(e.id), gateway: Number(m[1]), at: Number(m[2]) });
        }
      }
    },
    of: (gateway: number, w: Window) => all.filter((l) => l.gateway === gateway && l.at >= w.from && l.at <= w.to),
  };
}

/** The process whose environment has `entry` (a process the CLI started, found by its own data folder). */
function pidWith(entry: string): number {
  for (const d of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (readFileSync(`/proc/${d}/environ`, 'utf8').split('\0').includes(entry)) return Number(d);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  throw new Error(`no process has ${entry} in its environment`);
}

/**
 * Samples, every 250 ms until the returned function is called, how many of the database's connections wait for
 * an advisory lock (the event outbox's: every transaction that writes an event holds it until it commits).
 */
function sampleLockWaits(db: Db): () => Promise<string> {
  const counts: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [row] = await db.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event = 'advisory'",
      );
      counts.push(row!.n);
      await sleep(250);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const mean = counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
    return `${mean.toFixed(1)} transactions waiting for it on average, ${Math.max(0, ...counts)} at most`;
  };
}

logLoad();
console.log(
  `${GATEWAYS} gateways (simulated) at ${RATE} chat lines/s each, one \`agent-studio bridge --gateway\` process per gateway, one Postgres database; ` +
    `${CLIENTS} SSE clients on one web process (\`agent-studio web\`)`,
);
const t = await createPostgresDatabase();
const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
const members: Member[] = [];
const timers: NodeJS.Timeout[] = [];
let clients: ChildProcess | null = null;
let web: WebProcess | null = null;
try {
  // the web app is built first, as an install is (a build at load 20 outlasts the wait for a process's address)
  ensureWebBuild((m) => console.log(m));
  web = webProcess({ databaseUrl: t.url!, dataDir: join(dir, 'web') });
  const url = await web.url();
  const setup = await fetch(`${url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await web.setupToken(), password: 'fleet bench owner' }),
  });
  if (!setup.ok) throw new Error(`signing in failed: ${setup.status} ${await setup.text()}`);
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  for (let i = 0; i < GATEWAYS; i++) {
    const sim = new GatewaySimulator();
    await sim.start();
    sim.addJob(hourlyJob(`fleet ${i}`));
    const home = join(dir, `gateway-${i}`);
    mkdirSync(join(home, 'gtm'), { recursive: true });
    const bridge = cliProcess(['bridge', '--gateway', `fleet-${i}`], {
      DATABASE_URL: t.url!,
      STUDIO_DATA_DIR: join(home, 'data'),
      OPENCLAW_GATEWAY_URL: sim.url,
      OPENCLAW_GATEWAY_TOKEN: sim.token,
      STUDIO_GTM_DIR: join(home, 'gtm'),
    });
    members.push({ name: `fleet-${i}`, sim, bridge, sessionKey: '', emitted: [], pid: 0 });
  }
  const started = now();
  for (const m of members) {
    await m.bridge.printed(`${m.name}'s bridge reconciled`, /(reconciled with the gateway)/);
    m.pid = pidWith(`STUDIO_DATA_DIR=${join(dir, `gateway-${members.indexOf(m)}`, 'data')}`);
  }
  console.log(`the ${GATEWAYS} bridges connected and reconciled in ${((now() - started) / 1000).toFixed(1)} s`);
  // each gateway's running session, started once its bridge is there
  for (const m of members) {
    const [job] = m.sim.jobs.values();
    m.sim.runJob(job!.id, { durationMs: 3_600_000, during: ({ sessionKey }) => void (m.sessionKey = sessionKey) });
  }

  // commit times: NOTIFY carries the largest event id of each statement that inserted events
  const notified = new Map<bigint, number>();
  const lines = eventLines(BigInt(await latestEventId(t.db)));
  const unlisten = await t.db.listen('studio_events', (p) => p && notified.set(BigInt(p), now()));
  // a line's commit: the notification of its statement, whose id is the smallest notified at or above the line's
  const committed = (id: bigint) => {
    for (let k = id; k < id + 100_000n; k++) {
      const at = notified.get(k);
      if (at !== undefined) return at;
    }
    return NaN;
  };
  const rowLatency = (gateway: number, w: Window) => lines.of(gateway, w).map((l) => committed(l.id) - l.at);
  const emittedIn = (m: Member, w: Window) => m.emitted.filter((at) => at >= w.from && at <= w.to).length;
  /** Every line emitted in `w` is in the database (or `LAG_MAX_MS` passed): false if some never came. */
  const settled = (w: Window) =>
    within(LAG_MAX_MS, async () => {
      await lines.read(t.db);
      return members.every((m, i) => lines.of(i, w).length >= emittedIn(m, w));
    });

  const input: ClientsInput = { url, cookie, clients: CLIENTS };
  clients = fork(fileURLToPath(new URL('./fleet-clients.ts', import.meta.url)), [JSON.stringify(input)], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
  });
  const ask = (r: ClientsRequest) =>
    new Promise<ClientsAnswer>((resolve, reject) => {
      const exited = () => reject(new Error('the SSE clients exited'));
      clients!.once('exit', exited).once('message', (m) => {
        clients!.off('exit', exited);
        resolve(m as ClientsAnswer);
      });
      clients!.send(r);
    });
  await new Promise((resolve, reject) => clients!.once('message', resolve).once('exit', reject));

  // each gateway's lines on its own schedule, RATE a second, the gateways' spread over the interval; a tick that
  // comes late (a busy machine) emits the lines due by then
  const streaming = now();
  timers.push(
    setInterval(
      () => {
        const at = now();
        members.forEach((m, i) => {
          const due = Math.floor(((at - streaming) * RATE) / 1000 - i / GATEWAYS) + 1;
          while (m.emitted.length < due) {
            const t0 = now();
            m.emitted.push(t0);
            m.sim.message(m.sessionKey, 'assistant', `fleet:${i}:${t0.toFixed(3)} ${TEXT}`);
          }
        });
      },
      Math.max(1, 1000 / RATE / GATEWAYS),
    ),
  );
  await sleep(WARM_UP_MS);
  // what each part spends: CPU seconds of the web process, of the bridges together and of the clients, and the
  // events the clients have read
  const pids = { web: pidWith(`STUDIO_DATA_DIR=${join(dir, 'web')}`), bridges: members.map((m) => m.pid) };
  const usage = async () => ({
    web: cpuSeconds(pids.web),
    bridges: pids.bridges.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    clients: cpuSeconds(clients!.pid!),
    read: (await ask({ from: 0, to: 0, final: false })).events.reduce((a, b) => a + b, 0),
  });
  const steady: Window = { from: now(), to: 0 };
  const steadyWaits = sampleLockWaits(t.db);
  const used = await usage();
  await sleep(SECONDS * 1000);
  const spent = await usage();
  steady.to = now();
  const steadyLock = await steadyWaits();

  const share = (cpu: number) => `${((cpu / ((steady.to - steady.from) / 1000)) * 100).toFixed(0)} %`;
  const delivered = spent.read - used.read;
  console.log(
    `CPU over the window (of one core): web process ${share(spent.web - used.web)} (${delivered ? (((spent.web - used.web) / delivered) * 1e6).toFixed(0) : '-'} µs per event delivered to a client; ${Math.round(delivered / ((steady.to - steady.from) / 1000)).toLocaleString('en')} delivered/s), ` +
      `the ${GATEWAYS} bridges together ${share(spent.bridges - used.bridges)}, the SSE clients ${share(spent.clients - used.clients)}`,
  );
  // figures of the steady window, once its lines are in and read (the clients stay connected for what follows)
  const allIn = await settled(steady);
  const expected = members.reduce((n, m) => n + emittedIn(m, steady), 0) * CLIENTS;
  await within(LAG_MAX_MS, async () => (await ask({ ...steady, final: false })).read >= expected, 1000);
  const seen = await ask({ ...steady, final: true });
  const p99s: number[] = [];
  members.forEach((m, i) => {
    const lat = rowLatency(i, steady);
    p99s.push(pct(lat, 99));
    console.log(
      `${m.name}: event → row p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))} (goal p99 < 50 ms; ${lat.length} of ${emittedIn(m, steady)} lines emitted, ${(emittedIn(m, steady) / ((steady.to - steady.from) / 1000)).toFixed(0)}/s)`,
    );
  });
  console.log(
    `fleet: event → row, worst gateway's p99 ${ms(Math.max(...p99s))} (goal < 50 ms)${allIn ? '' : `; some lines not in the database ${LAG_MAX_MS / 1000} s after the window`}; outbox lock: ${steadyLock}`,
  );
  console.log(
    `fleet: event → client (${CLIENTS} SSE clients) p50 ${ms(pct(seen.latencies!, 50))}, p99 ${ms(pct(seen.latencies!, 99))} (goal p99 < 100 ms; ${seen.read.toLocaleString('en')} of ${expected.toLocaleString('en')} deliveries read; fewest events read by a client ${Math.min(...seen.events).toLocaleString('en')})${seen.read < expected ? `; the clients fell behind: these are the deliveries read within ${LAG_MAX_MS / 1000} s of the window, the rest came later still` : ''}`,
  );

  // the big gateway gets SESSIONS more sessions, then a reconnect: its bridge reconciles them all while every
  // gateway streams (added now, not at start, so that the bridges' first reconcile is not that long one too)
  const big = members.at(-1)!;
  const passes = reconciles(big).length;
  big.sim.addFinishedSessions(SESSIONS);
  const touched = new Date();
  big.sim.touchSessions();
  big.sim.dropConnections();
  const written = async () =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from agent_sessions where updated_at >= $1 and session_key like 'agent:main:history-%'",
        [touched],
      )
    )[0]!.n;
  await until('the reconcile writing sessions', async () => (await written()) > 0);
  const during: Window = { from: now(), to: 0 };
  const duringWaits = sampleLockWaits(t.db);
  const done = await within(RECONCILE_MAX_MS, async () => reconciles(big).length > passes);
  during.to = now();
  const duringLock = await duringWaits();
  const reconcile = done
    ? `reconciles ${SESSIONS.toLocaleString('en')} sessions (${(Number(reconciles(big).at(-1)![1]) / 1000).toFixed(1)} s)`
    : `reconciles ${SESSIONS.toLocaleString('en')} sessions (not done after ${RECONCILE_MAX_MS / 1000} s: ${(await written()).toLocaleString('en')} written)`;
  await settled(during);
  const duringLat = rowLatency(0, during);
  console.log(
    `${members[0]!.name}: event → row while ${big.name}'s bridge ${reconcile} p50 ${ms(pct(duringLat, 50))}, p99 ${ms(pct(duringLat, 99))} (goal p99 < 50 ms; ${duringLat.length} of ${emittedIn(members[0]!, during)} lines emitted); outbox lock: ${duringLock}`,
  );
  timers.forEach(clearInterval);
  await unlisten();
  logLoad();
} finally {
  timers.forEach(clearInterval);
  clients?.kill();
  for (const m of members) {
    await m.bridge.stop();
    await m.sim.stop();
  }
  await web?.stop();
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
}
