// A bridge asked to stop in the middle of a reconcile stops then, instead of first writing everything the
// reconcile has listed: at load 20 the demo's first reconcile (a session a step) outlasted the 60 s a stop may
// take. What it leaves is written at the next start, as after a crash (the checkpoints move only at the end).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { describeDriver, until } from '@agent-studio/database/testing';
import { getCheckpoint } from '@agent-studio/database';
import { bridgeOnSimulator } from './sim-bridge';
import { SOURCE } from '../src/mirror/translate';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';

const SESSIONS = 200;

// Postgres: another connection's table lock holds the reconcile at its first session write, whatever the speed
describeDriver('postgres', 'a bridge stopped mid-reconcile', (get) => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-bridge-stop-'));
  const sim = new GatewaySimulator('test-token');

  after(async () => {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const sessionCount = async () =>
    (await get().db.query<{ n: number }>('select count(*)::int as n from agent_sessions'))[0]!.n;

  test('stops after the write in hand, leaving the rest of the session list to the next start', async () => {
    const { db, url } = get();
    await sim.start();
    sim.addFinishedSessions(SESSIONS, Date.now() - 60_000);
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table agent_sessions in exclusive mode');
      const bridge = await bridgeOnSimulator(db, sim, dir, 'stop-test');
      await until('a session write waits on the lock', async () => {
        const { rows } = await locker.query<{ n: number }>(
          `select count(*)::int as n from pg_locks where relation = 'agent_sessions'::regclass and not granted`,
        );
        return rows[0]!.n > 0;
      });
      const stopped = bridge.stop();
      await until('the bridge has left the gateway', async () => sim.connectedClients === 0);
      await locker.query('rollback');
      await stopped;
    } finally {
      await locker.end();
    }
    const written = await sessionCount();
    assert.ok(written <= 1, `only the session being written when it stopped, not ${written} of ${SESSIONS}`);
    assert.equal(await getCheckpoint(db, SOURCE, 'sessions.list'), null, 'the session list is read again');

    const again = await bridgeOnSimulator(db, sim, dir, 'stop-test');
    try {
      await until(
        `all ${SESSIONS} sessions written after the restart`,
        async () => (await sessionCount()) === SESSIONS,
      );
    } finally {
      await again.stop();
    }
  });
});
