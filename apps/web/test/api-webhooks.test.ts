// Webhook API on both drivers, with the real bridge sending to a real local HTTP receiver (on loopback, so
// each webhook here has the owner's leave to reach private addresses, unless a test is about that leave).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyWebhookSignature } from '@agent-studio/core/webhook-signature';
import { getCronJobByExternalId, type ApiScope } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { hourlyJob } from '@agent-studio/gateway-bridge/testing/sim-jobs';
import { startNonHttpService, WebhookReceiver } from '@agent-studio/gateway-bridge/testing/webhook-receiver';
import * as webhooksRoute from '@/app/api/webhooks/route';
import * as webhookRoute from '@/app/api/webhooks/[id]/route';
import * as deliveriesRoute from '@/app/api/webhooks/[id]/deliveries/route';
import * as testRoute from '@/app/api/webhooks/[id]/test/route';
import { apiToken } from './credentials';
import { call, until, useStudio } from './fixture';

describeEachDriver('webhooks API', (get) => {
  const studio = useStudio(get);
  const receiver = new WebhookReceiver();
  let url: string;
  before(async () => (url = await receiver.start()));
  after(() => receiver.stop());

  test('create shows the secret once; list, disable, send test, delivery log, delete', async () => {
    const created = await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
      body: {
        name: 'Ops channel',
        url,
        eventTypes: ['job.failed', 'agent.errored', 'job.failed'],
        allowPrivateNetwork: true,
      },
    });
    assert.equal(created.status, 201);
    assert.match(created.json.secret, /^whsec_.{40,}/);
    const { webhook } = created.json;
    assert.deepEqual(webhook.eventTypes, ['job.failed', 'agent.errored']);
    assert.equal(webhook.enabled, true);
    assert.equal(webhook.allowPrivateNetwork, true);

    const listed = await call(webhooksRoute.GET, 'GET', '/api/webhooks');
    assert.deepEqual(listed.json.webhooks, [webhook]);
    assert.ok(!JSON.stringify(listed.json).includes(created.json.secret), 'the secret is never listed');

    const params = { id: webhook.id };
    const disabled = await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${webhook.id}`, {
      params,
      body: { enabled: false },
    });
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
    assert.equal(
      verifyWebhookSignature(created.json.secret, request!.headers['x-studio-signature'] as string, request!.body, 60),
      true,
    );
    assert.equal(JSON.parse(request!.body).data.webhook.name, 'Ops channel');

    assert.equal((await call(webhookRoute.DELETE, 'DELETE', `/api/webhooks/${webhook.id}`, { params })).status, 200);
    assert.equal(
      (await call(deliveriesRoute.GET, 'GET', `/api/webhooks/${webhook.id}/deliveries`, { params })).status,
      404,
    );
    assert.equal((await call(testRoute.POST, 'POST', `/api/webhooks/${webhook.id}/test`, { params })).status, 404);
    assert.equal((await call(webhookRoute.DELETE, 'DELETE', `/api/webhooks/${webhook.id}`, { params })).status, 404);
  });

  test('a job that fails on the gateway reaches a job.failed webhook through the bridge', async () => {
    await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
      body: { name: 'Failures', url, eventTypes: ['job.failed'], allowPrivateNetwork: true },
    });
    const { sim, db } = studio();
    const job = sim.addJob(hourlyJob('Flaky export', 'export'));
    sim.runJob(job.id, { durationMs: 50, error: 'Export target refused the upload (403)' });
    const failed = await until('job.failed delivered', async () =>
      receiver.received.find((r) => r.headers['x-studio-event'] === 'job.failed'),
    );
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
    assert.equal(
      (await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${id}`, { params: { id }, body: { enabled: true } }))
        .status,
      404,
    );
    const hook = (
      await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
        body: { name: 'x', url: 'https://example.com', eventTypes: ['job.failed'] },
      })
    ).json.webhook;
    assert.equal(
      (await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${hook.id}`, { params: { id: hook.id }, body: {} }))
        .status,
      400,
    );
  });

  test("loopback, private, link-local and metadata addresses need the owner's leave, at creation and on every change", async () => {
    const { port } = new URL(url);
    const targets = [
      `http://127.0.0.1:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://10.0.0.1/',
      'http://0.0.0.0/',
      'http://[::ffff:192.168.1.1]/',
      'http://[fe80::1]/',
      'http://2130706433/',
    ];
    for (const target of targets) {
      const { status, json } = await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
        body: { name: 'scan', url: target, eventTypes: ['job.failed'] },
      });
      assert.equal(status, 400, target);
      assert.deepEqual(
        json.error.details.issues.map((i: { field: string }) => i.field),
        ['url'],
        target,
      );
      assert.match(json.error.message, /url: points at a private, loopback or link-local address/);
    }
    const allowed = await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
      body: { name: 'lan', url: 'http://10.0.0.1/', eventTypes: ['job.failed'], allowPrivateNetwork: true },
    });
    assert.equal(allowed.status, 201);
    const { id } = allowed.json.webhook;
    const patch = (body: object) => call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${id}`, { params: { id }, body });
    assert.equal(
      (await patch({ allowPrivateNetwork: false })).status,
      400,
      'the leave cannot be withdrawn while the URL needs it',
    );
    assert.equal(
      (await patch({ url: 'http://[::1]:8080/' })).status,
      200,
      'with the leave, another private URL is fine',
    );
    const both = await patch({ url: 'https://example.com/hook', allowPrivateNetwork: false });
    assert.equal(both.json.webhook.allowPrivateNetwork, false);
    const back = await patch({ url: 'http://192.168.0.10/' });
    assert.equal(back.status, 400);
    assert.match(back.json.error.message, /url: points at a private/);
  });

  test('a host name is checked at delivery against what it resolves to: localhost is refused without the leave', async () => {
    const before = receiver.received.length;
    const created = await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
      body: { name: 'by name', url: url.replace('127.0.0.1', 'localhost'), eventTypes: ['job.failed'] },
    });
    assert.equal(
      created.status,
      201,
      'a name is not looked up when the webhook is made: it could change before each delivery',
    );
    const params = { id: created.json.webhook.id };
    await call(testRoute.POST, 'POST', `/api/webhooks/${params.id}/test`, { params });
    const [d] = await until('the test refused', async () => {
      const { json } = await call(deliveriesRoute.GET, 'GET', `/api/webhooks/${params.id}/deliveries`, { params });
      return json.deliveries[0]?.status === 'failed' && json.deliveries;
    });
    assert.equal(d.attempts, 1);
    assert.match(d.error, /private, loopback or link-local address/);
    assert.equal(receiver.received.length, before, 'nothing reached the receiver');
  });

  test('the delivery log does not tell a closed port from a service that is not HTTP', async () => {
    const service = await startNonHttpService();
    const firstError = async (target: string) => {
      const { json } = await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
        body: { name: 'probe', url: target, eventTypes: ['job.failed'], allowPrivateNetwork: true },
      });
      const params = { id: json.webhook.id };
      await call(testRoute.POST, 'POST', `/api/webhooks/${params.id}/test`, { params });
      return until(`first attempt at ${target}`, async () => {
        const log = (await call(deliveriesRoute.GET, 'GET', `/api/webhooks/${params.id}/deliveries`, { params })).json
          .deliveries;
        return log[0]?.error && { error: log[0].error, responseStatus: log[0].responseStatus };
      });
    };
    const [closed, notHttp] = [await firstError(service.closedUrl), await firstError(service.url)];
    await service.stop();
    assert.deepEqual(closed, notHttp);
    assert.equal(closed.responseStatus, null);
  });

  test('API tokens: neither read nor control may create or re-point a webhook; they see only where it sends, not the URL', async () => {
    const { db } = get();
    const tokenHeader = async (scopes: ApiScope[]) => {
      const secret = await apiToken(db, { name: scopes.join('+'), scopes });
      return { anonymous: true, headers: { authorization: `Bearer ${secret}` } };
    };
    const [read, control] = [await tokenHeader(['read']), await tokenHeader(['read', 'control'])];
    const body = { name: 'exfil', url: 'https://example.com/x', eventTypes: ['job.failed'] };
    const refused = await call(webhooksRoute.POST, 'POST', '/api/webhooks', { ...control, body });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'session_required');
    const own = (
      await call(webhooksRoute.POST, 'POST', '/api/webhooks', {
        body: { ...body, url: 'https://hooks.example.com/services/T000/B000/s3cr3t?key=k' },
      })
    ).json.webhook;
    const params = { id: own.id };
    const repoint = await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${own.id}`, {
      ...control,
      params,
      body: { url: 'https://evil.example/' },
    });
    assert.equal(repoint.status, 403);
    assert.equal(repoint.json.error.code, 'session_required');
    assert.equal(
      (
        await call(webhookRoute.PATCH, 'PATCH', `/api/webhooks/${own.id}`, {
          ...control,
          params,
          body: { enabled: false },
        })
      ).status,
      403,
    );

    for (const token of [read, control]) {
      const listed = await call(webhooksRoute.GET, 'GET', '/api/webhooks', token);
      assert.equal(listed.status, 200);
      const seen = listed.json.webhooks.find((w: { id: string }) => w.id === own.id);
      assert.equal(seen.url, 'https://hooks.example.com');
      assert.ok(!JSON.stringify(listed.json).includes('s3cr3t'));
    }
    const asOwner = (await call(webhooksRoute.GET, 'GET', '/api/webhooks')).json.webhooks.find(
      (w: { id: string }) => w.id === own.id,
    );
    assert.equal(asOwner.url, 'https://hooks.example.com/services/T000/B000/s3cr3t?key=k', 'the owner sees it whole');
  });
});
