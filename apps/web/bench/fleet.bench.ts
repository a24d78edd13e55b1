// The fleet (issue 18): 10 simulated gateways, each with its own bridge process (`agent-studio bridge --gateway
// <name>`, as on hosts of their own), all writing to one fresh Postgres database, each gateway streaming the chat
// lines of a running session at 50 a second; a web process (`agent-studio web`) on the same database with 200 SSE
// clients on /api/events, signed in as the owner and subscribed as every studio tab is. Figures: each gateway's event → row (the simulator emitting a line → its
// row and event committed, seen through NOTIFY; goal p99 < 50 ms), event → client (the same line read by each
// client; goal p99 < 100 ms), then the first gateway's event → row while the last one's bridge reconciles its
// 10,000 sessions, all changed, after a reconnect (goal p99 < 50 ms, as when idle).
// A smaller run: FLEET_GATEWAYS, FLEET_RATE (lines a second per gateway), FLEET_CLIENTS, FLEET_SECONDS (the
// measured window), FLEET_SESSIONS (the reconciling gateway's), e.g. FLEET_GATEWAYS=3 FLEET_CLIENTS=20
// FLEET_SESSIONS=1000 FLEET_SECONDS=10.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { listEventsSince, latestEventId } from '@agent-studio/database';
import { createPostgresDatabase, until } from '@agent-studio/database/testing';
import { ensureWebBuild } from '../../../packages/cli/src/web-build';
import { cliProcess, webProcess, type CliProcess, type WebProcess } from '../../../packages/cli/test/web-process';
import { logLoad, ms, pct } from '../../../packages/gateway-bridge/bench/figures';
import { GatewaySimulator } from '../../../packages/gateway-bridge/src/simulator/gateway-simulator';
import { hourlyJob } from '../../../packages/gateway-bridge/test/kit/sim-jobs';
import { now, type ClientsInput, type ClientsResult, type StopRequest } from './fleet-clients';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const GATEWAYS = num('FLEET_GATEWAYS', 10);
const RATE = num('FLEET_RATE', 50);
const CLIENTS = num('FLEET_CLIENTS', 200);
const SECONDS = num('FLEET_SECONDS', 30);
const SESSIONS = num('FLEET_SESSIONS', 10_000);
const WARM_UP_MS = 3_000;
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
}

const reconciles = (m: Member) => [...m.bridge.output().matchAll(RECONCILED)];

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
    // the last gateway is the big one that reconciles
    if (i === GATEWAYS - 1) sim.addFinishedSessions(SESSIONS, Date.now() - 60_000);
    const home = join(dir, `gateway-${i}`);
    mkdirSync(join(home, 'gtm'), { recursive: true });
    const bridge = cliProcess(['bridge', '--gateway', `fleet-${i}`], {
      DATABASE_URL: t.url!,
      STUDIO_DATA_DIR: join(home, 'data'),
      OPENCLAW_GATEWAY_URL: sim.url,
      OPENCLAW_GATEWAY_TOKEN: sim.token,
      STUDIO_GTM_DIR: join(home, 'gtm'),
    });
    members.push({ name: `fleet-${i}`, sim, bridge, sessionKey: '', emitted: [] });
  }
  const started = now();
  for (const m of members) {
    await m.bridge.printed(`${m.name}'s bridge reconciled`, /(reconciled with the gateway)/);
  }
  console.log(
    `the ${GATEWAYS} bridges connected and reconciled in ${((now() - started) / 1000).toFixed(1)} s (the last one's ${SESSIONS.toLocaleString('en')} sessions in ${(Number(reconciles(members.at(-1)!)[0]![1]) / 1000).toFixed(1)} s)`,
  );
  // each gateway's running session, started once its bridge is there
  for (const m of members) {
    const [job] = m.sim.jobs.values();
    m.sim.runJob(job!.id, { durationMs: 3_600_000, during: ({ sessionKey }) => void (m.sessionKey = sessionKey) });
  }

  // commit times: NOTIFY carries the largest event id of each statement that inserted events
  const notified = new Map<bigint, number>();
  const firstId = BigInt(await latestEventId(t.db));
  const unlisten = await t.db.listen('studio_events', (p) => p && notified.set(BigInt(p), now()));

  const input: ClientsInput = { url, cookie, clients: CLIENTS };
  clients = fork(fileURLToPath(new URL('./fleet-clients.ts', import.meta.url)), [JSON.stringify(input)], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
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
  await new Promise((r) => setTimeout(r, WARM_UP_MS));
  const steady = { from: now(), to: 0 };
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  steady.to = now();

  // the big gateway's sessions all changed, then a reconnect: its bridge reconciles them while every gateway streams
  const big = members.at(-1)!;
  const passes = reconciles(big).length;
  const touched = new Date();
  big.sim.touchSessions();
  big.sim.dropConnections();
  await until('the reconcile writing sessions', async () => {
    const [row] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from agent_sessions where updated_at >= $1',
      [touched],
    );
    return row!.n > 0;
  });
  const during = { from: now(), to: 0 };
  await until(`${big.name}'s reconcile`, async () => reconciles(big).length > passes);
  during.to = now();
  const reconcileMs = Number(reconciles(big).at(-1)![1]);

  timers.forEach(clearInterval);
  await new Promise((r) => setTimeout(r, 2_000)); // the last lines arrive
  await unlisten();
  const seen = await new Promise<ClientsResult>((resolve, reject) => {
    clients!.once('message', (m) => resolve(m as ClientsResult)).once('exit', reject);
    clients!.send(steady satisfies StopRequest);
  });

  // every line's event, with the gateway and time it was emitted
  const lines: { id: bigint; gateway: number; at: number }[] = [];
  for (let after = firstId.toString(); ;) {
    const page = await listEventsSince(t.db, { afterId: after, limit: 5000 });
    if (!page.length) break;
    after = page.at(-1)!.id;
    for (const e of page) {
      const m = e.type === 'agent.log' && /fleet:(\d+):(\S+)/.exec((e.payload as { message: string }).message);
      if (m) lines.push({ id: BigInt(e.id), gateway: Number(m[1]), at: Number(m[2]) });
    }
  }
  // a line's commit: the notification of its statement, whose id is the smallest notified at or above the line's
  const committed = (id: bigint) => {
    for (let k = id; k < id + 100_000n; k++) {
      const at = notified.get(k);
      if (at !== undefined) return at;
    }
    return undefined;
  };
  const rowLatency = (gateway: number, w: { from: number; to: number }) =>
    lines
      .filter((l) => l.gateway === gateway && l.at >= w.from && l.at <= w.to)
      .map((l) => committed(l.id)! - l.at)
      .filter((x) => !Number.isNaN(x));
  const inWindow = (m: Member, w: { from: number; to: number }) =>
    m.emitted.filter((at) => at >= w.from && at <= w.to).length;

  const steadySeconds = (steady.to - steady.from) / 1000;
  const p99s: number[] = [];
  members.forEach((m, i) => {
    const lat = rowLatency(i, steady);
    p99s.push(pct(lat, 99));
    console.log(
      `${m.name}: event → row p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))} (goal p99 < 50 ms; ${lat.length} lines of ${inWindow(m, steady)} emitted, ${(inWindow(m, steady) / steadySeconds).toFixed(0)}/s)`,
    );
  });
  console.log(`fleet: event → row, worst gateway's p99 ${ms(Math.max(...p99s))} (goal < 50 ms)`);
  const expected = members.reduce((n, m) => n + inWindow(m, steady), 0) * CLIENTS;
  console.log(
    `fleet: event → client (${CLIENTS} SSE clients) p50 ${ms(pct(seen.latencies, 50))}, p99 ${ms(pct(seen.latencies, 99))} (goal p99 < 100 ms; ${seen.latencies.length.toLocaleString('en')} of ${expected.toLocaleString('en')} deliveries read; fewest events read by a client ${Math.min(...seen.events).toLocaleString('en')})`,
  );
  const duringLat = rowLatency(0, during);
  console.log(
    `${members[0]!.name}: event → row while ${big.name}'s bridge reconciles ${SESSIONS.toLocaleString('en')} changed sessions (${(reconcileMs / 1000).toFixed(1)} s) p50 ${ms(pct(duringLat, 50))}, p99 ${ms(pct(duringLat, 99))} (goal p99 < 50 ms; ${duringLat.length} lines)`,
  );
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
