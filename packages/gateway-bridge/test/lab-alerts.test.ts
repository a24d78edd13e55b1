// A REAL OpenClaw gateway (the lab) is killed while the bridge watches it (issue 19): once the gateway has been
// away for the rule's delay, the direct channels (stand-ins of ntfy and the Telegram Bot API) receive "gateway
// unreachable", once each, not before the delay; after the restart they receive "resolved", once each.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sealSecret, secretHint } from '@agent-studio/core/sealed-secret';
import {
  createAlertChannel,
  enqueueTestAlert,
  getAlertSealingKey,
  getCheckpoint,
  listAlertIncidents,
  saveAlertRule,
} from '@agent-studio/database';
import { describeDriver } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import { AlertReceivers } from './kit/alert-receivers';
import { LabWatch } from './lab/bridge-on-lab';
import { startLab, type Lab } from './lab/gateway';

// the rule's delay: short, so the test waits for the condition (the message), not for minutes
const DELAY_MINUTES = 0.1;
const TOKEN = '555000:AAE-lab-alerts-bot-token';

describeDriver('postgres', 'alerts while the real gateway is away', (get) => {
  test('killed: "gateway unreachable" on the direct channels after the delay; restarted: "resolved", once each', async () => {
    const { db } = get();
    const dir = mkdtempSync(join(tmpdir(), 'studio-lab-alerts-'));
    const receivers = new AlertReceivers();
    await receivers.start();
    let lab: Lab | null = null;
    let bridge: Bridge | null = null;
    const watch = new LabWatch(() => lab, {
      more: () => `\n--- received ${JSON.stringify(receivers.received.map((r) => r.title))}`,
    });
    const until = watch.until;
    try {
      lab = await startLab();
      bridge = await watch.startBridge(db, lab, dir, 'lab-alerts', {
        alerts: { delivery: { retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 1000 } } },
      });
      const b = bridge;

      const key = (await getAlertSealingKey(db))!;
      const ntfy = await createAlertChannel(db, {
        name: 'ntfy',
        kind: 'ntfy',
        config: { server: receivers.ntfyServer(), topic: 'studio-lab' },
        secretSealed: null,
        secretHint: null,
        allowPrivateNetwork: true,
      });
      const telegram = await createAlertChannel(db, {
        name: 'Telegram',
        kind: 'telegram',
        config: { chatId: '42', apiBase: receivers.telegramBase() },
        secretSealed: sealSecret(key.publicKey, TOKEN),
        secretHint: secretHint(TOKEN),
        allowPrivateNetwork: true,
      });
      await saveAlertRule(db, 'gateway_unreachable', {
        enabled: true,
        channelIds: [ntfy.id, telegram.id],
        params: { delayMinutes: DELAY_MINUTES },
        quietHours: null,
      });

      // through OpenClaw's own `send`: this lab gateway has no chat channel configured, so it refuses, in its words
      const through = await createAlertChannel(db, {
        name: 'Through OpenClaw',
        kind: 'openclaw',
        config: { channel: 'telegram', to: '42' },
        secretSealed: null,
        secretHint: null,
      });
      const refused = await b.alertDeliveries.sendNow((await enqueueTestAlert(db, through.id)).id);
      assert.equal(refused?.status, 'failed', JSON.stringify(refused));
      assert.equal(refused?.attempts, 1, 'a refusal is not retried');
      assert.match(refused!.error!, /^OpenClaw refused to send it: /);
      assert.doesNotMatch(refused!.error!, /invalid send params/, 'the params are the ones `send` takes');

      await lab.kill();
      const down = await until('the bridge to record the gateway away', async () => {
        const s = await getCheckpoint<{ connected: boolean; since: string }>(db, 'gateway', 'status');
        return s && !s.connected && s;
      });
      await until('"gateway unreachable" on both direct channels', async () => receivers.received.length >= 2);
      const [incident] = await listAlertIncidents(db);
      assert.equal(incident!.rule_kind, 'gateway_unreachable');
      assert.ok(
        new Date(incident!.opened_at).getTime() - new Date(down.since).getTime() >= DELAY_MINUTES * 60_000,
        'not before the rule’s delay',
      );
      for (const service of ['ntfy', 'telegram'] as const) {
        const got = receivers.of(service);
        assert.equal(got.length, 1, service);
        assert.equal(got[0]!.title, 'OpenClaw gateway unreachable', service);
        assert.match(got[0]!.text, /Unreachable since/);
      }

      // while the gateway is away, a channel through it waits and says why
      const waiting = await b.alertDeliveries.sendNow((await enqueueTestAlert(db, through.id)).id);
      assert.equal(waiting?.status, 'pending');
      assert.match(waiting!.error!, /gateway is unreachable/);

      await lab.restart();
      await until('"resolved" on both', async () => receivers.received.length >= 4);
      // a few more passes of the engine: nothing more is sent
      await new Promise((r) => setTimeout(r, 3_000));
      for (const service of ['ntfy', 'telegram'] as const)
        assert.deepEqual(
          receivers.of(service).map((r) => r.title),
          ['OpenClaw gateway unreachable', 'Resolved: OpenClaw gateway unreachable'],
          service,
        );
    } finally {
      await bridge?.stop();
      await lab?.stop();
      await receivers.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
