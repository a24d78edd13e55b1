// Fault: the database (a Postgres cluster of the test's own) crashes and comes back while the gateway keeps
// running jobs. The bridge reconnects by itself and catches up: afterwards the database matches the
// gateway's own lists, nothing missing, nothing twice.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getCheckpoint, openDb, type Db } from '@agent-studio/database';
import { migrate } from '@agent-studio/database/migrate';
import { until } from '@agent-studio/database/testing';
import { startBridge, type Bridge } from '../src/bridge';
import type { GatewayClient } from '../src/gateway/client';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { mirrorCatchesUp, mirrorDiff } from './faults/mirror-check';
import { startPrivatePostgres, type PrivatePostgres } from './faults/private-postgres';
import { startOperator } from './kit/operator';

const warnings: string[] = [];
const logger = { info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };

let pg: PrivatePostgres;
let db: Db;
let sim: GatewaySimulator;
let bridge: Bridge;
let op: GatewayClient;
let dir: string;

before(async () => {
  pg = await startPrivatePostgres();
  db = await openDb({ databaseUrl: pg.url, dataDir: '' });
  await migrate(db);
  dir = mkdtempSync(join(tmpdir(), 'studio-fault-db-'));
  sim = new GatewaySimulator('db-token');
  await sim.start();
  op = startOperator(sim, join(dir, 'operator'));
  bridge = await startBridge({
    db,
    identityDir: join(dir, 'studio'),
    gateway: { url: sim.url, token: sim.token },
    logger,
    worker: 'db-fault-bridge',
  });
});

after(async () => {
  await bridge?.stop().catch(() => {});
  await db?.close().catch(() => {});
  await op?.stop();
  await sim?.stop();
  pg?.remove();
  rmSync(dir, { recursive: true, force: true });
});

test('the database crashes and restarts while jobs run: the bridge reconnects and catches up, losing nothing', async () => {
  const jobs = ['red', 'green'].map((name) =>
    sim.addJob({
      name: `db ${name}`,
      enabled: true,
      schedule: { kind: 'every', everyMs: 3_600_000 },
      payload: { kind: 'agentTurn', message: name },
    }),
  );
  let n = 0;
  const activity = setInterval(
    () => sim.runJob(jobs[n++ % 2]!.id, { durationMs: 100 + Math.round(Math.random() * 400), summary: `run ${n}` }),
    100,
  );
  try {
    await until('runs mirrored before the crash', async () => (await mirrorDiff(db, op)).dbRuns.length >= 5);
    pg.stop('immediate');
    const down = warnings.length;
    const atCrash = n;
    // runs go on while the database is away, until the bridge has noticed
    await until(
      'runs while the database is away, and the bridge noticing',
      async () => n >= atCrash + 10 && warnings.slice(down).some((w) => w.includes('not mirrored')),
    );
    pg.start();
    await until('runs after the database is back', async () => n >= atCrash + 20);
  } finally {
    clearInterval(activity);
  }

  const counts = await mirrorCatchesUp(db, op);
  assert.ok(counts.runs >= 20, `the gateway ran ${counts.runs} runs`);
  assert.equal((await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status'))?.connected, true);
});
