// Which way the bridge reads OpenClaw is decided by the version the gateway advertises: an OpenClaw before
// 2026.6.1 keeps its state in files, which the bridge then reads beside the gateway; a newer one's leftover
// files are stale and never read. (The file reading itself is tested on both drivers in openclaw-files.test.)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getCronJobByExternalId } from '@agent-studio/database';
import { createPgliteDatabase, until, type TestDatabase } from '@agent-studio/database/testing';
import { startBridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { silentLogger as quiet } from '../src/logger';

let t: TestDatabase;
let dir: string;

before(async () => {
  t = await createPgliteDatabase();
  dir = mkdtempSync(join(tmpdir(), 'studio-bridge-files-'));
  mkdirSync(join(dir, 'state/cron'), { recursive: true });
  const job = {
    id: 'job-from-the-files',
    name: 'From jobs.json',
    enabled: true,
    schedule: { kind: 'cron', expr: '0 9 * * *' },
    payload: { kind: 'agentTurn', message: 'hi' },
    state: {},
  };
  writeFileSync(join(dir, 'state/cron/jobs.json'), JSON.stringify({ version: 1, jobs: [job] }));
});

after(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

for (const [version, reads] of [
  ['2026.9.6', false],
  ['2026.5.28', true],
] as const) {
  test(`a gateway that says ${version}: the state files are ${reads ? '' : 'not '}read`, async () => {
    const sim = new GatewaySimulator('token');
    sim.version = version;
    const url = await sim.start();
    const bridge = await startBridge({
      db: t.db,
      identityDir: dir,
      gateway: { url, token: sim.token },
      logger: quiet,
      openclawFiles: { stateDir: join(dir, 'state'), mode: 'auto' },
    });
    try {
      await until('connected', async () => bridge.gateway.calls !== null);
      if (reads)
        await until('the job from jobs.json', () => getCronJobByExternalId(t.db, 'openclaw', 'job-from-the-files'));
      else {
        await bridge.gateway.idle();
        assert.equal(bridge.openclawFiles, null);
        assert.equal(await getCronJobByExternalId(t.db, 'openclaw', 'job-from-the-files'), null);
      }
    } finally {
      await bridge.stop();
      await sim.stop();
    }
  });
}
