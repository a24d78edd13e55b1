// A restarted demo goes on from its simulated gateway's saved state, as OpenClaw restarted on its state does: the
// same jobs, history and chats. A new gateway at each start showed the last start's jobs as removed, its chats as
// deleted, and two days of history twice in every figure.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { describeDriver, until } from '@agent-studio/database/testing';
import type { Logger } from '../src/logger';
import { startDemoActivity } from '../src/simulator/demo-activity';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { loadSimState, saveSimState } from '../src/simulator/sim-state-file';
import { bridgeOnSimulator } from './sim-bridge';

describeDriver('postgres', 'a restarted demo', (get) => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-demo-restart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('goes on from its saved state: the same jobs and history, nothing shown removed or deleted, nothing twice', async () => {
    const { db } = get();
    const gtmDir = join(dir, 'gtm');
    const file = join(dir, 'simulator.json');
    const log: string[] = [];
    const logger: Logger = { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) };
    const reconciles = () => log.filter((l) => l.startsWith('reconciled with the gateway')).length;
    const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;
    const finishedRuns = () => count(`select count(*)::int as n from cron_runs where status <> 'running'`);

    const first = new GatewaySimulator();
    assert.equal(
      loadSimState(first, file, (why) => assert.fail(why)),
      false,
    );
    await first.start();
    let stopActivity = startDemoActivity(first, { gtmDir });
    let bridge = await bridgeOnSimulator(db, first, join(dir, 'studio'), 'demo', { gtmDir, logger });
    await until('the first start reconciled', async () => reconciles() === 1);
    await until('its history mirrored', async () => (await finishedRuns()) === first.runs.length);
    const jobs = first.jobs.size;
    stopActivity();
    await bridge.stop();
    // what finishes meanwhile is in the state saved, and the restart's reconcile brings it
    saveSimState(first, file);
    await first.stop();
    const before = first.runs.length;

    const again = new GatewaySimulator();
    assert.equal(
      loadSimState(again, file, (why) => assert.fail(why)),
      true,
    );
    await again.start();
    stopActivity = startDemoActivity(again, { gtmDir, resumed: true });
    bridge = await bridgeOnSimulator(db, again, join(dir, 'studio'), 'demo', { gtmDir, logger });
    try {
      await until('the restart reconciled', async () => reconciles() === 2);
      assert.equal(again.jobs.size, jobs, 'no job added twice');
      assert.equal(await count('select count(*)::int as n from cron_jobs where removed_at is not null'), 0);
      assert.equal(await count('select count(*)::int as n from cron_jobs'), jobs);
      assert.equal(await count('select count(*)::int as n from agent_sessions where removed_at is not null'), 0);
      // the history once: every run the gateway lists, no other (a live run may have finished meanwhile)
      assert.ok(again.runs.length >= before);
      await until('the runs as the gateway has them', async () => (await finishedRuns()) === again.runs.length);
    } finally {
      stopActivity();
      await bridge.stop();
      await again.stop();
    }
  });
});
