// Webhook API on both drivers, with the real bridge sending to a real local HTTP receiver.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyWebhookSignature } from '@agent-studio/core/webhook-signature';
import { getCronJobByExternalId } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { WebhookReceiver } from '@agent-studio/gateway-bridge/testing/webhook-receiver';
import * as webhooksRoute from '@/app/api/webhooks/route';
import * as webhookRoute from '@/app/api/webhooks/[id]/route';
import * as deliveriesRoute from '@/app/api/webhooks/[id]/deliveries/route';
import * as testRoute from '@/app/api/webhooks/[id]/test/route';
import { call, until, useStudio } from './fixture';

describeEachDriver('webhooks API', (get) => {
  const studio = useStudio(get);
  const receiver = new WebhookReceiver();
  let url: string;
  before(async () => (url = await receiver.start()));
  after(() => receiver.stop());

  test('create shows the secret once; list, disable, send test, delivery log, delete', async () => {
    const created = await call(webhooksRoute.POST, 'POST', '/api/webhooks', { body: { name: 'Ops channel', url, eventTypes: ['job.failed', 'agent.errored', 'job.failed'] } });
    assert.equal(created.status, 201);
    assert.match(created.json.secret, /^whsec_.{40,}/);
    const { webhook } = created.json;
    assert.deepEqual(webhook.eventTypes, ['job.failed', 'agent.errored']);
    assert.equal(webhook.enabled, true);

    const listed = await call(webhooksRoute.GET, 'GET', '/api/webhooks');
    assert.deepEqual(listed.json.webhooks, [webhook]);
    assert.ok(!JSON.stringify(listed.json).includes(created.json.secret), 'the secret is never listed');

    const params = { id: webhook.id };
    const disabled = await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${webhook.id}`, { params, body: { enabled: false } });
    assert.equal(disabled.json.webhook.enabled, false);

    // "Send test" works on a disabled hook too: it is how the owner checks the receiver before turning it on
    const queued = await call(testRoute.POST, 'POST', `/api/webhooks/${webhook.id}/test`, { params });
    assert.equal(queued.status, 202);
    assert.equal(queued.json.delivery.status, 'pending');
    const log = await until('test delivered', async () => {
      const { json } = await call(deliveriesRoute.GET, 'GET', `/api/webhooks/${webhook.id}/deliveries`, { params });
      return json.deliveries[0]?.status === 'delivered' && json.deliveries;
    });
    assert.equal(log[0].eventType, 'webhook.test');
    assert.equal(log[0].responseStatus, 200);
    assert.equal(log[0].attempts, 1);
    const request = receiver.received.find((r) => r.headers['x-studio-event'] === 'webhook.test');
    assert.equal(request!.headers['x-studio-event'], 'webhook.test');
    assert.equal(verifyWebhookSignature(created.json.secret, request!.headers['x-studio-signature'] as string, request!.body, 60), true);
    assert.equal(JSON.parse(request!.body).data.webhook.name, 'Ops channel');

    assert.equal((await call(webhookRoute.DELETE, 'DELETE', `/api/webhooks/${webhook.id}`, { params })).status, 200);
    assert.equal((await call(deliveriesRoute.GET, 'GET', `/api/webhooks/${webhook.id}/deliveries`, { params })).status, 404);
    assert.equal((await call(testRoute.POST, 'POST', `/api/webhooks/${webhook.id}/test`, { params })).status, 404);
    assert.equal((await call(webhookRoute.DELETE, 'DELETE', `/api/webhooks/${webhook.id}`, { params })).status, 404);
  });

  test('a job that fails on the gateway reaches a job.failed webhook through the bridge', async () => {
    await call(webhooksRoute.POST, 'POST', '/api/webhooks', { body: { name: 'Failures', url, eventTypes: ['job.failed'] } });
    const { sim, db } = studio();
    const job = sim.addJob({ name: 'Flaky export', enabled: true, schedule: { kind: 'every', everyMs: 3_600_000 }, payload: { kind: 'agentTurn', message: 'export' } });
    sim.runJob(job.id, { durationMs: 50, error: 'Export target refused the upload (403)' });
    const failed = await until('job.failed delivered', async () => receiver.received.find((r) => r.headers['x-studio-event'] === 'job.failed'));
    const body = JSON.parse(failed.body);
    assert.equal(body.data.jobId, (await getCronJobByExternalId(db, 'openclaw', job.id))!.id);
    assert.equal(body.data.status, 'failed');
  });

  test('bad input is a 400 that names the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ name: 'x', url: 'ftp://example.com', eventTypes: ['job.failed'] }, /url: use an http/],
      [{ name: 'x', url: 'not a url', eventTypes: ['job.failed'] }, /url: enter a full URL/],
      [{ name: 'x', url: 'https://example.com', eventTypes: [] }, /eventTypes: choose at least one/],
      [{ name: 'x', url: 'https://example.com', eventTypes: ['cron.run.completed'] }, /eventTypes/],
      [{ name: '', url: 'https://example.com', eventTypes: ['job.failed'] }, /name: name the webhook/],
    ];
    for (const [body, message] of cases) {
      const { status, json } = await call(webhooksRoute.POST, 'POST', '/api/webhooks', { body });
      assert.equal(status, 400, JSON.stringify(body));
      assert.match(json.error.message, message);
    }
    const id = '00000000-0000-4000-8000-000000000000';
    assert.equal((await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${id}`, { params: { id }, body: {} })).status, 400);
    assert.equal((await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${id}`, { params: { id }, body: { enabled: true } })).status, 404);
  });
});
