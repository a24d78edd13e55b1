// An idle bridge leaves the database alone: on PGlite every query costs the process ~10 ms of CPU, so
// polling loops (a webhook worker that rechecked ~90 times a second, a publisher once a second) are what
// kept an idle bridge busy. Between its once-a-minute tasks it asks nothing; events wake what must act.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { Db } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { startBridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { silentLogger as quiet } from '../src/logger';
import { IDLE_JOB } from './kit/sim-jobs';

// longer than the slowest once-a-second or once-every-2-s check
const QUIET_MS = 2_500;

/** `db`, calling `asked` for each statement or transaction the bridge starts. */
function counting(db: Db, asked: () => void): Db {
  return {
    kind: db.kind,
    query: (sql, params) => (asked(), db.query(sql, params)),
    exec: (sql) => (asked(), db.exec(sql)),
    transaction: (fn) => (asked(), db.transaction(fn)),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}

describeEachDriver('an idle bridge', (get) => {
  test('asks the database nothing between its once-a-minute tasks', async () => {
    const sim = new GatewaySimulator('idle-token');
    await sim.start();
    sim.addJob(IDLE_JOB);
    const dir = mkdtempSync(join(tmpdir(), 'studio-idle-'));
    let lastAsked = Date.now();
    let asked = 0;
    const bridge = await startBridge({
      db: counting(get().db, () => ((lastAsked = Date.now()), asked++)),
      identityDir: dir,
      gateway: { url: sim.url, token: sim.token },
      gtmDir: join(dir, 'gtm'),
      logger: quiet,
      worker: 'idle-test',
    });
    try {
      await until('reconciled', async () => bridge.gateway.reconciledAt);
      // start-up work, and the checks its events wake, end: the bridge falls quiet (it never did while polling)
      await until('the bridge fell quiet', async () => Date.now() - lastAsked > QUIET_MS);
      asked = 0;
      await sleep(5_000);
      assert.equal(asked, 0, 'statements or transactions while idle');
    } finally {
      await bridge.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
