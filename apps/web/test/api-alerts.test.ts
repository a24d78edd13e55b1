// Alerts API on both drivers, with the real bridge (it holds the sealing key and sends the test) and a local
// stand-in of the Telegram Bot API: a channel's secret is sealed at once and never shown back; "Send a test"
// goes through the bridge and answers with the outcome; a rule about the gateway never goes only through it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { AlertReceivers } from '@agent-studio/gateway-bridge/testing/alert-receivers';
import * as channelsRoute from '@/app/api/alerts/channels/route';
import * as channelRoute from '@/app/api/alerts/channels/[id]/route';
import * as testRoute from '@/app/api/alerts/channels/[id]/test/route';
import * as deliveriesRoute from '@/app/api/alerts/deliveries/route';
import * as rulesRoute from '@/app/api/alerts/rules/route';
import * as ruleRoute from '@/app/api/alerts/rules/[kind]/route';
import { apiToken } from './credentials';
import { call, useStudio } from './fixture';

const TOKEN = '987654:AAF-api-test-bot-token-secret';

describeEachDriver('alerts API', (get) => {
  const studio = useStudio(get);
  const receivers = new AlertReceivers();
  before(() => receivers.start());
  after(() => receivers.stop());

  test('a channel’s secret is sealed and never shown back; the test goes through the bridge; delete', async () => {
    const created = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: {
        name: 'My phone',
        kind: 'telegram',
        config: { chatId: '42', apiBase: receivers.telegramBase() },
        secret: TOKEN,
        allowPrivateNetwork: true,
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const { channel } = created.json;
    assert.equal(channel.secretHint, '…cret');
    assert.equal(channel.hasSecret, true);
    const listed = await call(channelsRoute.GET, 'GET', '/api/alerts/channels');
    assert.deepEqual(listed.json.channels, [channel]);
    assert.ok(!JSON.stringify(listed.json).includes(TOKEN));
    const [row] = await studio().db.query<{ t: string }>('select row_to_json(c)::text as t from alert_channels c');
    assert.ok(!row!.t.includes('api-test-bot-token'), 'stored sealed');

    const params = { id: channel.id };
    const sent = await call(testRoute.POST, 'POST', `/api/alerts/channels/${channel.id}/test`, { params });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    assert.equal(sent.json.delivery.status, 'delivered');
    assert.equal(receivers.of('telegram').at(-1)!.target, TOKEN);
    assert.equal(receivers.of('telegram').at(-1)!.title, 'Test alert from Agent Studio');
    const log = await call(deliveriesRoute.GET, 'GET', `/api/alerts/deliveries?channelId=${channel.id}`);
    assert.equal(log.json.deliveries[0].messageKind, 'test');
    assert.equal(log.json.deliveries[0].answer, `message ${receivers.of('telegram').length}`);

    // a refusal comes back as the reason
    receivers.script = (s) =>
      s === 'telegram' ? { status: 401, body: '{"ok":false,"description":"Unauthorized"}' } : null;
    const refused = await call(testRoute.POST, 'POST', `/api/alerts/channels/${channel.id}/test`, { params });
    receivers.script = () => null;
    assert.equal(refused.status, 409);
    assert.match(refused.json.error.message, /401 \(Unauthorized\): Unauthorized/);

    const renamed = await call(channelRoute.PATCH, 'PATCH', `/api/alerts/channels/${channel.id}`, {
      params,
      body: { name: 'Phone', secret: '987654:AAF-another-token-abcdefgh' },
    });
    assert.equal(renamed.json.channel.name, 'Phone');
    assert.equal(renamed.json.channel.secretHint, '…efgh');

    const bad = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: { name: 'x', kind: 'telegram', config: { chatId: '1' }, secret: 'not a token' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /secret/);

    assert.equal(
      (await call(channelRoute.DELETE, 'DELETE', `/api/alerts/channels/${channel.id}`, { params })).status,
      200,
    );
    assert.deepEqual((await call(channelsRoute.GET, 'GET', '/api/alerts/channels')).json.channels, []);
  });

  test('rules: every kind listed; one turned on with channels; the gateway rule needs a direct channel', async () => {
    const rules = await call(rulesRoute.GET, 'GET', '/api/alerts/rules');
    const kinds = rules.json.rules.map((r: { kind: string }) => r.kind);
    for (const k of [
      'job_failed',
      'run_missed',
      'run_empty',
      'budget_passed',
      'agent_errored',
      'gateway_unreachable',
      'content_review',
      'approval_waiting',
      'openclaw_channel_down',
    ])
      assert.ok(kinds.includes(k), k);
    assert.ok(
      rules.json.rules.every((r: { enabled: boolean }) => !r.enabled),
      'all off at first',
    );

    const through = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: { name: 'OpenClaw Telegram', kind: 'openclaw', config: { channel: 'telegram', to: '42' } },
    });
    const browser = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: { name: 'Browser', kind: 'browser' },
    });
    const params = { kind: 'gateway_unreachable' };
    const onlyGateway = await call(ruleRoute.PATCH, 'PATCH', '/api/alerts/rules/gateway_unreachable', {
      params,
      body: { enabled: true, channelIds: [through.json.channel.id], params: { delayMinutes: 2 } },
    });
    assert.equal(onlyGateway.status, 400);
    assert.match(onlyGateway.json.error.message, /cannot go only through the gateway/);
    // an OpenClaw channel down is told without OpenClaw too
    const channelDown = await call(ruleRoute.PATCH, 'PATCH', '/api/alerts/rules/openclaw_channel_down', {
      params: { kind: 'openclaw_channel_down' },
      body: { enabled: true, channelIds: [through.json.channel.id], params: { delayMinutes: 5 } },
    });
    assert.equal(channelDown.status, 400);
    assert.match(channelDown.json.error.message, /cannot go only through the gateway/);

    const saved = await call(ruleRoute.PATCH, 'PATCH', '/api/alerts/rules/gateway_unreachable', {
      params,
      body: {
        enabled: true,
        channelIds: [through.json.channel.id, browser.json.channel.id],
        params: { delayMinutes: 2 },
        quietHours: { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' },
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.json));
    assert.equal(saved.json.rule.enabled, true);
    assert.deepEqual(saved.json.rule.params, { delayMinutes: 2 });
    assert.equal(saved.json.rule.quietHours.timeZone, 'Europe/Paris');

    // its only direct channel can be neither deleted nor turned off while the rule is on (that would leave the
    // alert only through the gateway); with another direct channel it can
    const browserPath = `/api/alerts/channels/${browser.json.channel.id}`;
    const browserParams = { id: browser.json.channel.id };
    const deleted = await call(channelRoute.DELETE, 'DELETE', browserPath, { params: browserParams });
    assert.equal(deleted.status, 409, JSON.stringify(deleted.json));
    assert.match(deleted.json.error.message, /“Gateway unreachable” would then go only through the gateway/);
    const off = await call(channelRoute.PATCH, 'PATCH', browserPath, {
      params: browserParams,
      body: { enabled: false },
    });
    assert.equal(off.status, 409, JSON.stringify(off.json));
    const ntfy = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: { name: 'ntfy', kind: 'ntfy', config: { server: receivers.ntfyServer(), topic: 'studio' } },
    });
    assert.equal(ntfy.status, 201, JSON.stringify(ntfy.json));
    const withNtfy = [through.json.channel.id, browser.json.channel.id, ntfy.json.channel.id];
    assert.equal(
      (await call(ruleRoute.PATCH, 'PATCH', '/x', { params, body: { enabled: true, channelIds: withNtfy } })).status,
      200,
    );
    const offNow = await call(channelRoute.PATCH, 'PATCH', browserPath, {
      params: browserParams,
      body: { enabled: false },
    });
    assert.equal(offNow.status, 200, JSON.stringify(offNow.json));
    // a channel that is off does not count as the direct one
    const withOff = await call(ruleRoute.PATCH, 'PATCH', '/x', {
      params,
      body: { enabled: true, channelIds: [through.json.channel.id, browser.json.channel.id] },
    });
    assert.equal(withOff.status, 400);
    assert.match(withOff.json.error.message, /add a direct channel that is on/);

    const badParams = await call(ruleRoute.PATCH, 'PATCH', '/api/alerts/rules/gateway_unreachable', {
      params,
      body: { enabled: true, channelIds: [browser.json.channel.id], params: { delayMinutes: -1 } },
    });
    assert.equal(badParams.status, 400);
    const unknown = await call(ruleRoute.PATCH, 'PATCH', '/api/alerts/rules/no_such_rule', {
      params: { kind: 'no_such_rule' },
      body: { enabled: false, channelIds: [] },
    });
    assert.equal(unknown.status, 404);
  });

  test('a browser channel’s push subscription is sealed too, named by its push service', async () => {
    const subscription = JSON.stringify({
      endpoint: 'https://fcm.googleapis.com/fcm/send/abc-secret-part',
      keys: { p256dh: 'BNc-p256dh-key', auth: 'auth-secret' },
    });
    const created = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      body: { name: 'Laptop', kind: 'browser', secret: subscription },
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.equal(created.json.channel.secretHint, 'Web Push via fcm.googleapis.com');
    assert.ok(!JSON.stringify(created.json).includes('abc-secret-part'));
    const bad = await call(channelRoute.PATCH, 'PATCH', `/api/alerts/channels/${created.json.channel.id}`, {
      params: { id: created.json.channel.id },
      body: { secret: '{"endpoint":"not a url"}' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /not a push subscription/);
  });

  test('an API token may read but not point alerts anywhere', async () => {
    const token = await apiToken(studio().db, { name: 'script', scopes: ['read', 'control'] });
    const headers = { authorization: `Bearer ${token}` };
    const refused = await call(channelsRoute.POST, 'POST', '/api/alerts/channels', {
      anonymous: true,
      headers,
      body: { name: 'x', kind: 'browser' },
    });
    assert.equal(refused.status, 403);
  });
});
