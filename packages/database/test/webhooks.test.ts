// When the next webhook delivery falls due: the webhook worker sleeps until then, or until a NOTIFY.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '../src/testing';
import { createWebhook, enqueueWebhookDelivery, msUntilNextDelivery } from '../src/index';

describeEachDriver('next webhook delivery', (get) => {
  test('none pending: no time at all (not 0, which would mean "due now")', async () => {
    assert.equal(await msUntilNextDelivery(get().db), null);
  });

  test('one pending: 0 once due, the remaining time while it waits for its retry', async () => {
    const { db } = get();
    const hook = await createWebhook(db, { name: 'due', url: 'http://127.0.0.1:9/', secret: 'whsec_x', eventTypes: ['job.failed'] });
    const d = await enqueueWebhookDelivery(db, hook.id, 'webhook.test', {});
    assert.equal(await msUntilNextDelivery(db), 0);
    await db.query(`update webhook_deliveries set next_attempt_at = now() + interval '1 minute' where id = $1`, [d.id]);
    const ms = (await msUntilNextDelivery(db))!;
    assert.ok(ms > 50_000 && ms <= 60_000, `${ms} ms`);
  });
});
