// Alerts end to end on both drivers (issue 19): rules evaluated by the engine against real rows, deliveries
// sent by the worker to local stand-ins of Telegram's Bot API, Slack and Discord webhooks, ntfy and an SMTP
// server: one message per channel per incident, none more when 50 runs fail, 'resolved' once, retries on
// 5xx, and giving up with the reason in the delivery log.
import assert from 'node:assert/strict';
import webpush from 'web-push';
import { after, afterEach, before, test } from 'node:test';
import { newSealingKeyPair, sealSecret, secretHint } from '@agent-studio/core/sealed-secret';
import {
  createAlertChannel,
  enqueueTestAlert,
  getAlertDelivery,
  listAlertDeliveries,
  listAlertIncidents,
  recordApprovalRequested,
  redeemApprovalLinkToken,
  saveAlertRule,
  setCheckpoint,
  upsertCronRun,
  type AlertChannelKind,
  type Db,
} from '@agent-studio/database';
import { describeEachDriver, testCronJob, until } from '@agent-studio/database/testing';
import { AlertEngine } from '../src/alerts/alert-engine';
import { AlertDeliveryWorker } from '../src/alerts/delivery-worker';
import { PRIVATE_CHANNEL_TARGET } from '../src/alerts/channels/http';
import { PUSH_GONE } from '../src/alerts/channels/browser';
import { AlertReceivers } from './kit/alert-receivers';
import { silentLogger as quiet } from '../src/logger';

const TOKEN = '123456:AAH-telegram-bot-token-secret';
const VAPID = webpush.generateVAPIDKeys();
// the delivery worker's tries: the tests expect a give-up after the third
const ATTEMPTS = 3;

describeEachDriver('alerts', (get) => {
  let db: Db;
  let receivers: AlertReceivers;
  let worker: AlertDeliveryWorker;
  let engine: AlertEngine;
  const keys = newSealingKeyPair();
  let n = 0;

  const channel = async (kind: AlertChannelKind, opts: { allowPrivateNetwork?: boolean; chatId?: string } = {}) => {
    const { config, secret } = {
      telegram: { config: { chatId: opts.chatId ?? '42', apiBase: receivers.telegramBase() }, secret: TOKEN },
      slack: { config: {}, secret: receivers.slackUrl(`T${++n}/B1/slack-secret`) },
      discord: { config: {}, secret: receivers.discordUrl(`${++n}/discord-secret`) },
      ntfy: { config: { server: receivers.ntfyServer(), topic: `studio-${++n}` }, secret: null },
      email: {
        config: {
          host: '127.0.0.1',
          port: receivers.smtpPort,
          security: 'none',
          from: 'studio@example.com',
          to: 'owner@example.com',
        },
        secret: null,
      },
      openclaw: { config: { channel: 'telegram', to: '42' }, secret: null },
      browser: { config: {}, secret: null },
    }[kind];
    return createAlertChannel(db, {
      name: `${kind} ${++n}`,
      kind,
      config,
      secretSealed: secret ? sealSecret(keys.publicKey, secret) : null,
      secretHint: secret ? secretHint(secret) : null,
      allowPrivateNetwork: opts.allowPrivateNetwork ?? true,
    });
  };
  const job = (name: string) =>
    db.transaction(async (tx) => {
      return testCronJob(tx, { externalId: `alert-job-${++n}`, name, schedule: '0 8 * * *', timezone: 'UTC' });
    });
  const run = (jobId: string, status: 'failed' | 'completed', error: string | null = null) =>
    db.transaction((tx) =>
      upsertCronRun(tx, {
        jobId,
        externalId: `alert-run-${++n}`,
        startedAt: new Date(Date.now() - 1000 + n),
        finishedAt: new Date(),
        durationMs: 900,
        status,
        error,
      }),
    );
  // a delivery still pending past its last attempt is returned too: its test fails at once on the status
  const settled = (channelId: string) =>
    until('the delivery settled', async () => {
      const [d] = await listAlertDeliveries(db, { channelId });
      return d && (d.status !== 'pending' || d.attempts > ATTEMPTS) && d;
    });

  before(async () => {
    db = get().db;
    receivers = new AlertReceivers();
    await receivers.start();
    worker = new AlertDeliveryWorker({
      db,
      logger: quiet,
      keys,
      gateway: () => null,
      retry: { attempts: ATTEMPTS, baseDelayMs: 40, maxDelayMs: 200 },
      timeoutMs: 3000,
      pollMs: 1000,
      vapid: { ...VAPID, subject: 'mailto:owner@example.com' },
    });
    await worker.start();
    // passes are driven by the test (engine.pass) so each step is one evaluation
    engine = new AlertEngine({ db, logger: quiet, updateEveryMs: 3_600_000 });
  });
  after(async () => {
    await worker.stop();
    await receivers.stop();
  });
  afterEach(async () => {
    receivers.script = () => null;
    receivers.received.length = 0;
    await db.query('update alert_rules set enabled = false');
    await engine.pass();
  });

  test('an incident is one message per channel; 50 more failures add none; its end is one "resolved" each', async () => {
    const kinds = ['telegram', 'slack', 'discord', 'ntfy', 'email'] as const;
    const channels = await Promise.all(kinds.map((k) => channel(k)));
    await saveAlertRule(db, 'job_failed', {
      enabled: true,
      channelIds: channels.map((c) => c.id),
      params: {},
      quietHours: null,
    });
    const jobs = await Promise.all(['Morning brief', 'Pricing sync', 'Reply drafter'].map(job));
    for (const j of jobs) await run(j.id, 'failed', 'model provider refused: 401');

    await engine.pass();
    await until('one message on each channel', async () => receivers.received.length >= kinds.length);
    for (const kind of kinds) {
      const got = receivers.of(kind === 'email' ? 'smtp' : kind);
      assert.equal(got.length, 1, `${kind}: one message`);
      assert.equal(got[0]!.title, '3 jobs failed', kind);
      for (const j of jobs) assert.match(got[0]!.text, new RegExp(j.name), `${kind} names ${j.name}`);
    }
    assert.equal(receivers.of('telegram')[0]!.target, TOKEN, 'the bot token opened from its sealed form');

    // a storm: 50 more runs fail, across the same and new jobs
    const more = await Promise.all(Array.from({ length: 5 }, (_, i) => job(`Extra ${i}`)));
    for (let i = 0; i < 50; i++) await run([...jobs, ...more][i % 8]!.id, 'failed', 'boom');
    await engine.pass();
    await engine.pass();
    const [incident] = await listAlertIncidents(db);
    assert.equal(incident!.items.length, 8, 'the incident holds all eight jobs');
    assert.equal(incident!.revision, 2, 'it grew once');
    // the worker would have sent by now what the passes queued: nothing new is queued at all
    const deliveries = await db.query<{ c: number }>(
      'select count(*)::int as c from alert_deliveries where incident_id = $1',
      [incident!.id],
    );
    assert.equal(deliveries[0]!.c, kinds.length, 'no more deliveries than one per channel');

    for (const j of [...jobs, ...more]) await run(j.id, 'completed');
    await engine.pass();
    await until('"resolved" on each channel', async () => receivers.received.length >= 2 * kinds.length);
    await engine.pass();
    await engine.pass();
    for (const kind of kinds) {
      const got = receivers.of(kind === 'email' ? 'smtp' : kind);
      assert.deepEqual(
        got.map((g) => g.title),
        ['3 jobs failed', 'Resolved: 8 jobs failed'],
        `${kind}: opened, then resolved once`,
      );
    }
    assert.equal(receivers.received.length, 2 * kinds.length);
  });

  test('an approval waiting: the message carries a one-time link that opens it in the inbox', async () => {
    const ntfy = await channel('ntfy');
    await saveAlertRule(db, 'approval_waiting', { enabled: true, channelIds: [ntfy.id], params: {}, quietHours: null });
    const approval = await db.transaction((tx) =>
      recordApprovalRequested(tx, {
        source: 'openclaw',
        externalId: `exec-${++n}`,
        kind: 'exec',
        title: 'rm -rf build/',
        agentId: 'main',
        sessionKey: 'agent:main:main',
        allowedDecisions: ['allow-once', 'deny'],
        request: { command: 'rm -rf build/' },
        requestedAt: new Date(),
        expiresAt: new Date(Date.now() + 600_000),
      }),
    );
    const linked = new AlertEngine({
      db,
      logger: quiet,
      updateEveryMs: 3_600_000,
      publicUrl: 'https://studio.example.com/',
    });
    await linked.pass();
    await until('the message', async () => receivers.of('ntfy').length >= 1);
    const link = /https:\/\/studio\.example\.com\/inbox\/a\/([\w-]+)/.exec(receivers.of('ntfy')[0]!.text);
    assert.ok(link, `a link in: ${receivers.of('ntfy')[0]!.text}`);
    assert.equal(await redeemApprovalLinkToken(db, link[1]!), approval!.id, 'it opens this approval');
    assert.equal(await redeemApprovalLinkToken(db, link[1]!), null, 'once');
    await db.query(`update approvals set status = 'allowed' where id = $1`, [approval!.id]);
  });

  test('"still open" only when the incident grew, once per growth, however often the engine looks', async () => {
    const eager = new AlertEngine({ db, logger: quiet, updateEveryMs: 0 });
    const c = await channel('discord');
    await saveAlertRule(db, 'job_failed', { enabled: true, channelIds: [c.id], params: {}, quietHours: null });
    const first = await job('Nightly export');
    await run(first.id, 'failed', 'disk full');
    await eager.pass();
    await eager.pass();
    await eager.pass();
    await until('opened', async () => receivers.of('discord').length >= 1);
    const second = await job('Weekly digest');
    await run(second.id, 'failed', 'timeout');
    await eager.pass();
    await eager.pass();
    await until('still open', async () => receivers.of('discord').length >= 2);
    await eager.pass();
    await run(first.id, 'completed');
    await run(second.id, 'completed');
    await eager.pass();
    await until('resolved', async () => receivers.of('discord').length >= 3);
    await eager.pass();
    const rows = await listAlertDeliveries(db, { channelId: c.id });
    assert.deepEqual(
      rows.map((r) => r.message_kind).sort(),
      ['opened', 'resolved', 'updated'],
      'one message per state, never repeated',
    );
    assert.deepEqual(
      receivers.of('discord').map((r) => r.title),
      ['Job “Nightly export” failed', 'Still open: 2 jobs failed', 'Resolved: 2 jobs failed'],
    );
  });

  test('a 5xx is retried with backoff until it goes through', async () => {
    const c = await channel('telegram');
    const before = receivers.requests.telegram;
    receivers.script = (service, i) =>
      service === 'telegram' && i < before + 2 ? { status: 503, body: '{"ok":false}' } : null;
    const queued = await enqueueTestAlert(db, c.id);
    const d = await settled(c.id);
    assert.equal(d.id, queued.id);
    assert.equal(d.status, 'delivered');
    assert.equal(d.attempts, 3);
    assert.equal(d.answer, 'message 1');
    assert.equal(receivers.of('telegram').length, 1);
  });

  test('gives up with a visible reason: after the last 5xx, or at once when the receiver refuses the settings', async () => {
    const slack = await channel('slack');
    receivers.script = (service) => (service === 'slack' ? { status: 500, body: 'internal_error' } : null);
    await enqueueTestAlert(db, slack.id);
    const gaveUp = await settled(slack.id);
    assert.equal(gaveUp.status, 'failed');
    assert.equal(gaveUp.attempts, 3);
    assert.equal(
      gaveUp.error,
      'Gave up after 3 attempts. The receiver answered 500 (Internal Server Error): internal_error.',
    );
    assert.ok(!gaveUp.error!.includes('slack-secret'), 'the webhook URL (a secret) is not in the log');

    const telegram = await channel('telegram', { chatId: 'nobody' });
    receivers.script = (service) =>
      service === 'telegram'
        ? { status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' }
        : null;
    await enqueueTestAlert(db, telegram.id);
    const refused = await settled(telegram.id);
    assert.equal(refused.status, 'failed');
    assert.equal(refused.attempts, 1, 'a refusal is not retried');
    assert.match(refused.error!, /400 \(Bad Request\): Bad Request: chat not found/);

    const email = await channel('email');
    receivers.script = (service) => (service === 'smtp' ? { status: 550, body: 'Mailbox unavailable' } : null);
    await enqueueTestAlert(db, email.id);
    const bounced = await settled(email.id);
    assert.equal(bounced.status, 'failed');
    assert.equal(bounced.attempts, 1);
    assert.match(bounced.error!, /550/);
  });

  test('Web Push: a browser channel with a subscription is pushed, encrypted and VAPID-signed; an ended one gives up', async () => {
    const browser = (subscription: string) =>
      createAlertChannel(db, {
        name: `browser ${++n}`,
        kind: 'browser',
        config: {},
        secretSealed: sealSecret(keys.publicKey, subscription),
        secretHint: null,
        allowPrivateNetwork: true,
      });
    const c = await browser(receivers.pushSubscription());
    await enqueueTestAlert(db, c.id);
    const d = await settled(c.id);
    assert.equal(d.status, 'delivered', d.error ?? '');
    const [pushed] = receivers.of('push');
    assert.equal(pushed?.title, 'Test alert from Agent Studio', 'decrypted with the subscription’s keys');
    assert.match(String(pushed!.headers.authorization), new RegExp(`^vapid t=.+, k=${VAPID.publicKey}$`));
    assert.equal(pushed!.headers['content-encoding'], 'aes128gcm');

    const ended = await browser(
      JSON.stringify({ ...JSON.parse(receivers.pushSubscription()), endpoint: `${receivers.url}/push/gone` }),
    );
    await enqueueTestAlert(db, ended.id);
    const gone = await settled(ended.id);
    assert.equal(gone.status, 'failed');
    assert.equal(gone.attempts, 1);
    assert.equal(gone.error, PUSH_GONE);
  });

  test('a channel reaches a private address only with the owner’s leave; secrets are stored sealed', async () => {
    const c = await channel('discord', { allowPrivateNetwork: false });
    await enqueueTestAlert(db, c.id);
    const d = await settled(c.id);
    assert.equal(d.status, 'failed');
    assert.equal(d.error, PRIVATE_CHANNEL_TARGET);
    assert.equal(receivers.of('discord').length, 0);
    const [row] = await db.query<{ t: string }>(
      `select row_to_json(c)::text as t from alert_channels c where id = $1`,
      [c.id],
    );
    assert.ok(!row!.t.includes('discord-secret'), 'no plain secret in the row');
  });

  test('e-mail: the SMTP login uses the password opened from its sealed form; the row keeps it sealed', async () => {
    const password = 'smtp-app-password-9f3k';
    const c = await createAlertChannel(db, {
      name: `email ${++n}`,
      kind: 'email',
      config: {
        host: '127.0.0.1',
        port: receivers.smtpPort,
        security: 'none',
        user: 'owner@example.com',
        from: 'studio@example.com',
        to: 'owner@example.com',
      },
      secretSealed: sealSecret(keys.publicKey, password),
      secretHint: secretHint(password),
      allowPrivateNetwork: true,
    });
    await enqueueTestAlert(db, c.id);
    const d = await settled(c.id);
    assert.equal(d.status, 'delivered', d.error ?? '');
    assert.deepEqual(receivers.smtpLogins.at(-1), { username: 'owner@example.com', password });
    assert.equal(receivers.of('smtp').at(-1)!.title, 'Test alert from Agent Studio');
    const [row] = await db.query<{ t: string }>(
      `select row_to_json(c)::text as t from alert_channels c where id = $1`,
      [c.id],
    );
    assert.ok(!row!.t.includes(password), 'no plain password in the row');
  });

  test('quiet hours hold an incident back; it is told when they end, if still open', async () => {
    const c = await channel('ntfy');
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const around = { start: hhmm(new Date(now.getTime() - 3_600_000)), end: hhmm(new Date(now.getTime() + 3_600_000)) };
    await saveAlertRule(db, 'gateway_unreachable', {
      enabled: true,
      channelIds: [c.id],
      params: { delayMinutes: 1 },
      quietHours: around,
    });
    await setCheckpoint(db, 'gateway', 'status', {
      connected: false,
      since: new Date(now.getTime() - 120_000).toISOString(),
      version: null,
    });
    await engine.pass();
    const [incident] = await listAlertIncidents(db);
    assert.equal(incident!.resolved_at, null);
    assert.equal(incident!.title, 'OpenClaw gateway unreachable');
    assert.equal((await listAlertDeliveries(db, { channelId: c.id })).length, 0, 'nothing during quiet hours');

    await saveAlertRule(db, 'gateway_unreachable', {
      enabled: true,
      channelIds: [c.id],
      params: { delayMinutes: 1 },
      quietHours: null,
    });
    await engine.pass();
    await until('told once quiet hours are over', async () => receivers.of('ntfy').length >= 1);
    assert.equal(receivers.of('ntfy')[0]!.title, 'OpenClaw gateway unreachable');
    assert.equal(receivers.of('ntfy')[0]!.headers.priority, 'high');
    await setCheckpoint(db, 'gateway', 'status', { connected: true, since: new Date().toISOString(), version: '1' });
    await engine.pass();
    await until('resolved', async () => receivers.of('ntfy').length >= 2);
    assert.equal(receivers.of('ntfy')[1]!.title, 'Resolved: OpenClaw gateway unreachable');
    assert.equal(receivers.of('ntfy').length, 2, 'told once, resolved once');
    const test = await enqueueTestAlert(db, c.id);
    await until('the test went', async () => (await getAlertDelivery(db, test.id))?.status === 'delivered');
  });
});
