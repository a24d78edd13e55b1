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

test('--gateway goes with bridge only', () => {
  const cli = fileURLToPath(new URL('../../../bin/agent-studio.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [cli, 'migrate', '--gateway', 'vps'], {
    env: { PATH: process.env.PATH, STUDIO_DATA_DIR: join(dir, 'unused') },
    encoding: 'utf8',
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /--gateway goes with bridge/);
});
