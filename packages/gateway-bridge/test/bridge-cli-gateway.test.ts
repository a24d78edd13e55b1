// `agent-studio bridge --gateway <name>` (issue 18, step 2), as a process on Postgres beside a simulated
// gateway: the first start creates the gateway by that name and mirrors into it, and runs its commands; a restart
// finds the same gateway; --gateway with any other command is a usage error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  DEFAULT_GATEWAY_ID,
  enqueueCommand,
  findGateway,
  getCommand,
  getCronJobByExternalId,
  listGateways,
} from '@agent-studio/database';
import { createPostgresDatabase, until, type TestDatabase } from '@agent-studio/database/testing';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { bridgeProcess } from './kit/bridge-process';
import { hourlyJob } from './kit/sim-jobs';

let t: TestDatabase;
let sim: GatewaySimulator;
let dir: string;

before(async () => {
  t = await createPostgresDatabase();
  sim = new GatewaySimulator();
  await sim.start();
  sim.addJob({ ...hourlyJob('VPS digest'), id: 'digest' });
  dir = mkdtempSync(join(tmpdir(), 'studio-cli-gateway-'));
});
after(async () => {
  await sim?.stop();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const start = () =>
  bridgeProcess({
    gateway: sim,
    dataDir: join(dir, 'studio'),
    gtmDir: join(dir, 'gtm'),
    databaseUrl: t.url,
    args: ['--gateway', 'vps'],
  });

async function stop(bridge: ReturnType<typeof start>) {
  bridge.child.kill('SIGTERM');
  assert.equal(await bridge.ended, 0, bridge.output());
}

test('--gateway vps: created on first start, mirrored into and served; the same gateway after a restart', async () => {
  const first = start();
  try {
    const vps = await until('the gateway "vps" exists', () => findGateway(t.db, 'vps'));
    const job = await until('its job mirrored on it', () => getCronJobByExternalId(t.db, 'openclaw', 'digest', vps.id));
    assert.equal(job.name, 'VPS digest');
    assert.equal(await getCronJobByExternalId(t.db, 'openclaw', 'digest', DEFAULT_GATEWAY_ID), null);
    const cmd = await enqueueCommand(t.db, 'cron.run', { jobId: job.id, triggerType: 'manual' }, { gatewayId: vps.id });
    const done = await until('the run command finished', async () => {
      const c = await getCommand(t.db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.match(first.output(), /bridge running for gateway "vps"/);
  } finally {
    await stop(first);
  }
  const again = start();
  try {
    await until('restarted', async () => /bridge running for gateway "vps"/.test(again.output()));
    assert.deepEqual((await listGateways(t.db)).map((g) => g.name).sort(), ['default', 'vps']);
  } finally {
    await stop(again);
  }
});

// seen in CI: a holder frozen mid-start and thawed was stopped before its start ended, and died of the signal
test('stopped while it starts, it finishes starting and then stops cleanly', async () => {
  const holdUp = new pg.Client({ connectionString: t.url });
  await holdUp.connect();
  await holdUp.query('begin');
  await holdUp.query('lock table gateways in access exclusive mode');
  const bridge = start();
  try {
    // asked on another connection: within a transaction pg_stat_activity keeps its first snapshot
    await until('the bridge waits for the locked table', async () => {
      const waiting = await t.db.query(
        "select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      return waiting.length > 0;
    });
    bridge.child.kill('SIGTERM');
    await until(
      'it heard the signal, or died of it',
      async () => bridge.output().includes('SIGTERM: shutting down') || bridge.child.signalCode !== null,
    );
  } finally {
    await holdUp.query('rollback');
    await holdUp.end();
  }
  assert.equal(await bridge.ended, 0, bridge.output());
  assert.match(bridge.output(), /bridge running for gateway "vps"[\s\S]*stopped cleanly/);
});

test('--gateway goes with bridge only', () => {
  const cli = fileURLToPath(new URL('../../../bin/agent-studio.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [cli, 'migrate', '--gateway', 'vps'], {
    env: { PATH: process.env.PATH, STUDIO_DATA_DIR: join(dir, 'unused') },
    encoding: 'utf8',
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--gateway goes with bridge/);
});
