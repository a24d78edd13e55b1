// When the next webhook delivery falls due: the webhook worker sleeps until then, or until a NOTIFY; and the
// owner's leave to reach private addresses travels with each claimed delivery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  claimDueDeliveries,
  createWebhook,
  enqueueWebhookDelivery,
  getWebhook,
  msUntilNextDelivery,
  updateWebhook,
} from '../src/index';

describeEachDriver('next webhook delivery', (get) => {
  test('none pending: no time at all (not 0, which would mean "due now")', async () => {
    assert.equal(await msUntilNextDelivery(get().db), null);
  });

  test('one pending: 0 once due, the remaining time while it waits for its retry', async () => {
    const { db } = get();
    const hook = await createWebhook(db, {
      name: 'due',
      url: 'http://127.0.0.1:9/',
      secret: 'whsec_x',
      eventTypes: ['job.failed'],
    });
    const d = await enqueueWebhookDelivery(db, hook.id, 'webhook.test', {});
    assert.equal(await msUntilNextDelivery(db), 0);
    await db.query(`update webhook_deliveries set next_attempt_at = now() + interval '1 minute' where id = $1`, [d.id]);
    // what is left of that minute, read on the database's clock just before and just after: the wait lies between
    // (however long a busy machine takes between the queries)
    const left = async () =>
      (
        await db.query<{ ms: number }>(
          `select (extract(epoch from next_attempt_at - now()) * 1000)::float8 as ms from webhook_deliveries where id = $1`,
          [d.id],
        )
      )[0]!.ms;
    const before = await left();
    const ms = (await msUntilNextDelivery(db))!;
    const after = await left();
    assert.ok(before <= 60_000 && ms <= before && ms >= Math.max(0, after), `${after} ≤ ${ms} ≤ ${before} ms`);
  });

  test('private network addresses: off unless allowed, changed by a patch, carried by each claimed delivery', async () => {
    const { db } = get();
    await db.query('delete from webhook_deliveries');
    const hook = await createWebhook(db, {
      name: 'lan',
      url: 'http://10.0.0.1/',
      secret: 'whsec_x',
      eventTypes: ['job.failed'],
    });
    assert.equal(hook.allow_private_network, false);
    assert.equal(
      (await updateWebhook(db, hook.id, { enabled: false }))!.allow_private_network,
      false,
      'a patch without it leaves it',
    );
    assert.equal((await updateWebhook(db, hook.id, { allowPrivateNetwork: true }))!.allow_private_network, true);
    assert.equal((await getWebhook(db, hook.id))!.allow_private_network, true);
    await enqueueWebhookDelivery(db, hook.id, 'webhook.test', {});
    const [claimed] = await claimDueDeliveries(db, 60_000);
    assert.equal(claimed!.allow_private_network, true);
    assert.equal(claimed!.url, 'http://10.0.0.1/');
  });
});
