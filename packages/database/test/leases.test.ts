// Bridge leases (issue 18, step 3): one statement takes a free or expired lease, a live one is refused, and only
// its holder renews it. Expiry is made by moving expires_at into the past (the database's clock), never by waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  acquireLease,
  createGateway,
  gatewayLeaseKey,
  getGateway,
  getLease,
  recordGatewaySeen,
  releaseLease,
  renewLease,
  type Db,
} from '../src/index';

const expire = (db: Db, key: string) =>
  db.query(`update bridge_leases set expires_at = now() - interval '1 second' where key = $1`, [key]);

describeEachDriver('bridge leases', (get) => {
  test('a free lease is taken; a live one is refused and names its holder; its holder takes it again', async () => {
    const { db } = get();
    assert.deepEqual(await acquireLease(db, 'k1', 'a', 10_000), { acquired: true, holder: 'a' });
    assert.deepEqual(await acquireLease(db, 'k1', 'b', 10_000), { acquired: false, holder: 'a' });
    assert.deepEqual(await acquireLease(db, 'k1', 'a', 10_000), { acquired: true, holder: 'a' });
    assert.equal((await getLease(db, 'k1'))?.holder, 'a');
  });

  test('an expired lease is taken by another holder', async () => {
    const { db } = get();
    await acquireLease(db, 'k2', 'a', 10_000);
    await expire(db, 'k2');
    assert.deepEqual(await acquireLease(db, 'k2', 'b', 10_000), { acquired: true, holder: 'b' });
    const row = await getLease(db, 'k2');
    assert.equal(row?.holder, 'b');
    assert.ok(row!.expires_at > (await db.query<{ now: Date }>('select now()'))[0]!.now, 'it runs from now');
  });

  test('only the holder renews, and not once the lease has lapsed', async () => {
    const { db } = get();
    await acquireLease(db, 'k3', 'a', 10_000);
    assert.equal(await renewLease(db, 'k3', 'b', 10_000), false, 'a non-holder cannot renew');
    assert.equal((await getLease(db, 'k3'))?.holder, 'a');
    assert.equal(await renewLease(db, 'k3', 'a', 10_000), true);
    await expire(db, 'k3');
    assert.equal(await renewLease(db, 'k3', 'a', 10_000), false, 'a lapsed lease is not renewed');
    await acquireLease(db, 'k3', 'b', 10_000);
    assert.equal(await renewLease(db, 'k3', 'a', 10_000), false, 'nor once another bridge holds it');
  });

  test("a dead predecessor's live lease is taken when named, and only then", async () => {
    const { db } = get();
    await acquireLease(db, 'k6', 'crashed', 10_000);
    assert.equal((await acquireLease(db, 'k6', 'restarted', 10_000, 'someone else')).acquired, false);
    assert.deepEqual(await acquireLease(db, 'k6', 'restarted', 10_000, 'crashed'), {
      acquired: true,
      holder: 'restarted',
    });
  });

  test('racing acquirers: exactly one wins', async () => {
    const { db } = get();
    const tries = await Promise.all(['a', 'b', 'c', 'd'].map((h) => acquireLease(db, 'k4', h, 10_000)));
    assert.equal(tries.filter((t) => t.acquired).length, 1);
  });

  test('release gives the lease up; releasing one not held does nothing', async () => {
    const { db } = get();
    await acquireLease(db, 'k5', 'a', 10_000);
    await releaseLease(db, 'k5', 'b');
    assert.equal((await getLease(db, 'k5'))?.holder, 'a');
    await releaseLease(db, 'k5', 'a');
    assert.equal(await getLease(db, 'k5'), null);
    assert.equal((await acquireLease(db, 'k5', 'b', 10_000)).acquired, true);
  });

  test("a gateway's row says who serves it: a disconnect from a bridge that lost the lease changes nothing", async () => {
    const { db } = get();
    const gw = await createGateway(db, 'standby-row');
    const seen = { url: 'ws://127.0.0.1:1', version: '1', host: 'h', error: null };
    assert.equal(await recordGatewaySeen(db, gw.id, { ...seen, connected: true, servedBy: 'a' }), true);
    // a died holding the lease (its row says connected); b waited it out and connects
    await acquireLease(db, gatewayLeaseKey(gw.id), 'a', 10_000);
    await expire(db, gatewayLeaseKey(gw.id));
    const down = { ...seen, connected: false, error: 'gateway away' };
    assert.equal(await recordGatewaySeen(db, gw.id, { ...down, servedBy: 'b' }), true, "a dead holder's row is b's");
    await acquireLease(db, gatewayLeaseKey(gw.id), 'b', 10_000);
    assert.equal(await recordGatewaySeen(db, gw.id, { ...seen, connected: true, servedBy: 'b' }), true, 'b took over');
    const late = { ...seen, connected: false, error: 'bridge stopping', servedBy: 'a' };
    assert.equal(await recordGatewaySeen(db, gw.id, late), false, "a's late disconnect");
    const row = await getGateway(db, gw.id);
    assert.deepEqual([row?.state, row?.served_by], ['connected', 'b']);
    assert.equal(await recordGatewaySeen(db, gw.id, { ...late, servedBy: 'b' }), true, "its own bridge's disconnect");
    assert.equal((await getGateway(db, gw.id))?.state, 'disconnected');
  });
});
