// Live events while a reconcile runs (issue 20, item 6): a gateway with 2,000 sessions, all changed since the
// last pass, is reconciled after a reconnect while runs keep arriving; each run's `cron started` event →
// its cron_runs row and studio event committed, sampled from the reconcile's first session write to its end.
// Target p99 < 50 ms, as when the bridge is idle (measured first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { latestEventId, listEventsSince, type Db } from '@agent-studio/database';
import { onEachDriver, until } from '@agent-studio/database/testing';
import { startBridge, type Bridge } from '../src/bridge';
import { GatewaySimulator, type SimJob } from '../src/simulator/gateway-simulator';
import { silentLogger as quiet } from '../src/logger';
import { logLoad, ms, pct } from './figures';

const SESSIONS = 2_000;
const SAMPLES = 200;
logLoad();

/** One run's `started` event → its row and studio event committed (seen through NOTIFY). */
async function sample(db: Db, sim: GatewaySimulator, job: SimJob): Promise<number> {
  const before = await latestEventId(db);
  let stop: (() => Promise<void>) | null = null;
  const seen = new Promise<number>((resolve) => {
    void db
      .listen('studio_events', () => {
        const at = performance.now();
        void listEventsSince(db, { afterId: before, limit: 5000 }).then(
          (events) => events.some((e) => e.type === 'cron.run.started') && resolve(at),
        );
      })
      .then((s) => (stop = s));
  });
  await until('listening', async () => stop);
  const t0 = performance.now();
  sim.runJob(job.id, { durationMs: 5, summary: 'ok' });
  const t1 = await seen;
  await stop!();
  return t1 - t0;
}

async function measure(label: string, db: Db) {
  const sim = new GatewaySimulator('bench');
  await sim.start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-reconcile-'));
  let bridge: Bridge | null = null;
  try {
    const job = sim.addJob({
      name: 'latency',
      enabled: true,
      schedule: { kind: 'every', everyMs: 3_600_000 },
      payload: { kind: 'agentTurn', message: 'x' },
    });
    sim.addFinishedSessions(SESSIONS, Date.now() - 60_000);
    bridge = await startBridge({
      db,
      identityDir: dir,
      gateway: { url: sim.url, token: sim.token },
      logger: quiet,
      worker: 'bench',
    });
    await until('the first reconcile', async () => bridge!.gateway.reconciledAt);

    const idle: number[] = [];
    for (let i = 0; i < SAMPLES / 4 + 10; i++) {
      const x = await sample(db, sim, job);
      if (i >= 10) idle.push(x);
    }

    // every session changed, then a reconnect: the reconcile writes all 2,000 while runs arrive
    const during: number[] = [];
    let passes = 0;
    while (during.length < SAMPLES) {
      const before = bridge.gateway.reconciledAt!;
      const touched = new Date();
      sim.touchSessions();
      sim.dropConnections();
      // sampled once the reconcile writes sessions (the reconnect's own handshake is not what is measured)
      await until('the reconcile writing sessions', async () => {
        const [row] = await db.query<{ n: number }>(
          'select count(*)::int as n from agent_sessions where updated_at >= $1',
          [touched],
        );
        return row!.n > 0;
      });
      const t0 = performance.now();
      while (bridge.gateway.reconciledAt === before && during.length < SAMPLES) during.push(await sample(db, sim, job));
      await until('the reconcile done', async () => bridge!.gateway.reconciledAt !== before);
      passes++;
      console.log(
        `${label}: reconcile of ${SESSIONS.toLocaleString('en')} changed sessions took ${((performance.now() - t0) / 1000).toFixed(1)} s (${during.length} samples so far)`,
      );
    }
    console.log(
      `${label}: live event → row idle p50 ${ms(pct(idle, 50))}, p99 ${ms(pct(idle, 99))}; during ${passes} reconciles of ${SESSIONS.toLocaleString('en')} sessions p50 ${ms(pct(during, 50))}, p99 ${ms(pct(during, 99))} (target p99 < 50 ms, unchanged from idle)`,
    );
  } finally {
    await bridge?.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await onEachDriver((label, t) => measure(label, t.db));
