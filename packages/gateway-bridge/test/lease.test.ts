// A lease held or waited for (issue 18, step 3), in one process on both drivers: one of two works; when another
// bridge takes the lease (the holder's renewal is refused) the holder stops its work and waits, with no moment at
// which both work; a holder that stops renewing is taken over; a clean stop hands the lease on. Expiry is made by
// moving expires_at into the past on the database's clock, never by waiting for it.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { acquireLease, getLease, type Db } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { Lease } from '../src/lease';
import { silentLogger } from '../src/logger';

describeEachDriver('lease', (get) => {
  const leases: Lease[] = [];
  afterEach(async () => {
    await Promise.all(leases.splice(0).map((l) => l.stop()));
  });

  /** A lease on `key` for `holder` whose work is a flag; `working` counts how many work at once at most. */
  const working = { now: 0, most: 0 };
  function lease(key: string, holder: string, db: Db = get().db) {
    const state = { working: false };
    const l = new Lease({
      db,
      key,
      holder,
      what: key,
      logger: silentLogger,
      ttlMs: 60_000,
      renewMs: 30,
      retryMs: 30,
      onAcquired: async () => {
        state.working = true;
        working.most = Math.max(working.most, ++working.now);
      },
      onLost: async () => {
        state.working = false;
        working.now--;
      },
    });
    leases.push(l);
    return { l, state };
  }
  const expire = (key: string) =>
    get().db.query(`update bridge_leases set expires_at = now() - interval '1 second' where key = $1`, [key]);

  test('one works, the other waits; another holder taking the lease stops the first at once', async () => {
    working.most = working.now = 0;
    const a = lease('l1', 'a');
    await a.l.start();
    assert.equal(a.state.working, true);
    const b = lease('l1', 'b');
    await b.l.start();
    assert.equal(b.state.working, false, 'a live lease is waited for');
    // a third party (a standby that saw it lapse) takes it: a's renewal is refused and it stops
    await get().db.query(`update bridge_leases set holder = 'c' where key = 'l1'`);
    await until('a stopped working', async () => !a.state.working);
    assert.equal(a.l.isHeld, false);
    assert.equal(working.most, 1, 'never two at once');
  });

  test('a holder that stops renewing is taken over once its lease expires', async () => {
    // "dead" holds it (a bridge that died: it took the lease and renews no more)
    await acquireLease(get().db, 'l2', 'dead', 60_000);
    const b = lease('l2', 'b');
    await b.l.start();
    assert.equal(b.state.working, false);
    await expire('l2');
    await until('b took over', async () => b.state.working);
    assert.equal((await getLease(get().db, 'l2'))?.holder, 'b');
  });

  test('a holder that cannot reach the database stops its work at once', async () => {
    let down = false;
    const db = get().db;
    // the same database, unreachable on demand (only its query is used by a lease)
    const flaky = {
      query: (...args: Parameters<Db['query']>) =>
        down ? Promise.reject(new Error('connection lost')) : db.query(...args),
    } as unknown as Db;
    const a = lease('l4', 'a', flaky);
    await a.l.start();
    assert.equal(a.state.working, true);
    down = true;
    await until('a stopped working', async () => !a.state.working);
    down = false;
    await until('a works again once the database is back (its own lease)', async () => a.state.working);
  });

  test('a clean stop gives the lease up and the standby works next', async () => {
    working.most = working.now = 0;
    const a = lease('l3', 'a');
    await a.l.start();
    const b = lease('l3', 'b');
    await b.l.start();
    await a.l.stop();
    assert.equal(a.state.working, false);
    await until('b took over', async () => b.state.working);
    assert.equal(working.most, 1);
  });
});
