// The bridge's figures on the gateway simulator: latency from a gateway event to its row and event in the
// database (target p99 < 50 ms), ingest of a backlog of 10,000 runs and 100,000 log lines (target < 60 s),
// a burst of GTM files, and the idle bridge process's CPU and memory (targets < 1 %, < 150 MB).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  getAgentSessionByKey,
  latestEventId,
  listAgentLogs,
  listCronRuns,
  listEventsSince,
  listGtmOutputs,
  type Db,
} from '@agent-studio/database';
import { onEachDriver, until, type TestDatabase } from '@agent-studio/database/testing';
import { startBridge, type Bridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { silentLogger as quiet } from '../src/logger';
import { bridgeProcess } from '../test/kit/bridge-process';
import { IDLE_JOB } from '../test/kit/sim-jobs';
import { cpuPercentDuring, logLoad, ms, pct } from './figures';

const RUNS = 10_000;
const LOG_LINES = 100_000;
const LATENCY_SAMPLES = 300;
const GTM_FILES = 200;
// the figures mean little on a busy machine: say how busy it was
logLoad();

async function withBridge<T>(
  t: TestDatabase,
  sim: GatewaySimulator,
  gtmDir: string,
  fn: (b: Bridge, db: Db) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bridge-'));
  const bridge = await startBridge({
    db: t.db,
    identityDir: dir,
    gateway: { url: sim.url, token: sim.token },
    gtmDir,
    logger: quiet,
    worker: 'bench',
  });
  try {
    return await fn(bridge, t.db);
  } finally {
    await bridge.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Gateway `cron started` event → its cron_runs row and studio event committed (seen through NOTIFY). */
async function latency(db: Db, sim: GatewaySimulator, bridge: Bridge): Promise<number[]> {
  const job = sim.addJob({
    name: 'latency',
    enabled: true,
    schedule: { kind: 'every', everyMs: 3_600_000 },
    payload: { kind: 'agentTurn', message: 'x' },
  });
  await until('connected', async () => bridge.gateway.calls);
  let waiting: (() => void) | null = null;
  const stop = await db.listen('studio_events', () => waiting?.());
  const samples: number[] = [];
  try {
    for (let i = 0; i < LATENCY_SAMPLES + 20; i++) {
      // a NOTIFY says only that events committed (one per statement): look for the run's among them
      const before = await latestEventId(db);
      const seen = new Promise<number>((resolve) => {
        waiting = () => {
          const at = performance.now();
          void listEventsSince(db, { afterId: before, limit: 1000 }).then(
            (events) => events.some((e) => e.type === 'cron.run.started') && resolve(at),
          );
        };
      });
      const t0 = performance.now();
      sim.runJob(job.id, { durationMs: 5, summary: 'ok' });
      const t1 = await seen;
      if (i >= 20) samples.push(t1 - t0); // the first ones warm up caches and JIT
      await bridge.gateway.idle();
    }
  } finally {
    waiting = null;
    await stop();
  }
  return samples;
}

async function backlog(t: TestDatabase, label: string) {
  const sim = new GatewaySimulator('bench');
  await sim.start();
  const gtmDir = mkdtempSync(join(tmpdir(), 'bench-gtm-'));
  try {
    // 20 jobs, each every 20 minutes, one of them running every minute: the history matches the schedules
    const jobs = Array.from({ length: 20 }, (_, i) =>
      sim.addJob({
        name: `backlog ${i}`,
        enabled: true,
        schedule: { kind: 'every', everyMs: 20 * 60_000 },
        payload: { kind: 'agentTurn', message: 'x' },
      }),
    );
    const start = Date.now() - RUNS * 60_000;
    for (let i = 0; i < RUNS; i++)
      sim.recordRun(
        jobs[i % jobs.length]!,
        start + i * 60_000,
        i % 9 === 0
          ? { durationMs: 4000, error: 'Rate limit exceeded (429)' }
          : { durationMs: 3000, summary: `run ${i}` },
      );

    const t0 = performance.now();
    await withBridge(t, sim, gtmDir, async (bridge, db) => {
      await until('the backlog reconciled', async () => bridge.gateway.reconciledAt);
      const runsMs = performance.now() - t0;
      const mirrored = (await listCronRuns(db, { limit: RUNS + 1 })).rows.length;
      console.log(
        `${label}: backlog of ${RUNS.toLocaleString('en')} runs (with their sessions) reconciled in ${(runsMs / 1000).toFixed(1)} s: ${mirrored.toLocaleString('en')} mirrored`,
      );

      // 100,000 log lines streamed at once into 100 sessions
      const t1 = performance.now();
      for (let i = 0; i < LOG_LINES; i++)
        sim.message(
          `agent:main:bench:${i % 100}`,
          i % 2 ? 'assistant' : 'user',
          `line ${i} ${'lorem ipsum '.repeat(8)}`,
        );
      await until('the last log line', async () => {
        const s = await getAgentSessionByKey(db, `agent:main:bench:${(LOG_LINES - 1) % 100}`);
        await bridge.gateway.idle();
        return (
          s && (await listAgentLogs(db, { sessionId: s.id, limit: 1, search: `line ${LOG_LINES - 1} ` })).length > 0
        );
      });
      const logsMs = performance.now() - t1;
      console.log(
        `${label}: ${LOG_LINES.toLocaleString('en')} log lines streamed in ${(logsMs / 1000).toFixed(1)} s; backlog in all ${((runsMs + logsMs) / 1000).toFixed(1)} s (target < 60 s)`,
      );

      // a burst of content files, with the backlog in the tables
      const t2 = performance.now();
      mkdirSync(join(gtmDir, 'blog'), { recursive: true });
      for (let i = 0; i < GTM_FILES; i++)
        writeFileSync(
          join(gtmDir, `blog/post-${i}.md`),
          `---\ntitle: Bench post ${i}\n---\n# Bench post ${i}\n\n${'Some text. '.repeat(200)}\n`,
        );
      await until(
        'every file imported',
        async () => (await listGtmOutputs(db, { limit: GTM_FILES + 1 })).rows.length >= GTM_FILES,
      );
      const gtmMs = performance.now() - t2;
      console.log(`${label}: ${GTM_FILES} GTM files imported in ${(gtmMs / 1000).toFixed(1)} s`);

      const lat = await latency(db, sim, bridge);
      console.log(
        `${label}: gateway event → row + event p50 ${ms(pct(lat, 50))}, p99 ${ms(pct(lat, 99))} (target p99 < 50 ms; ${lat.length} runs)`,
      );
    });
  } finally {
    await sim.stop();
    rmSync(gtmDir, { recursive: true, force: true });
  }
}

/** CPU % and RSS of `pid` over `windowMs` (from /proc). */
async function sampleProcess(pid: number, windowMs: number): Promise<{ cpuPercent: number; rssMb: number }> {
  const { cpuPercent } = await cpuPercentDuring(pid, () => new Promise((r) => setTimeout(r, windowMs)));
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return { cpuPercent, rssMb: rssKb / 1024 };
}

/** `agent-studio bridge` as its own process, connected and idle, over a minute (its minute tasks included). */
async function idle(databaseUrl: string | undefined, label: string) {
  const sim = new GatewaySimulator('idle');
  await sim.start();
  sim.addJob(IDLE_JOB);
  const dir = mkdtempSync(join(tmpdir(), 'bench-idle-'));
  mkdirSync(join(dir, 'gtm'));
  const { child, output } = bridgeProcess({
    gateway: sim,
    dataDir: join(dir, 'data'),
    gtmDir: join(dir, 'gtm'),
    databaseUrl,
  });
  try {
    await until('the bridge connected and reconciled', async () => /reconciled with the gateway/.test(output()));
    await new Promise((r) => setTimeout(r, 5_000)); // start-up work settles
    const s = await sampleProcess(child.pid!, 60_000);
    console.log(
      `${label}: idle bridge process ${s.cpuPercent.toFixed(2)} % CPU, ${s.rssMb.toFixed(0)} MB RSS over 60 s (targets < 1 %, < 150 MB)`,
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await onEachDriver(async (label, t) => {
  await backlog(t, label);
  if (label === 'Postgres') await idle(t.url, 'Postgres');
});
await idle(undefined, 'PGlite (embedded, the default)');
