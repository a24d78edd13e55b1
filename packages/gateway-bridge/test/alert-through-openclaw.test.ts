// An alert channel through OpenClaw itself (issue 19), on the gateway simulator: while the gateway is up, a
// message goes out through its `send` to the channel and target the owner configured, as plain text, once; a
// channel the gateway does not have is refused in its words and not retried. (The real gateway's refusal, and
// the wait while it is away: lab-alerts.test.ts.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAlertChannel, enqueueTestAlert, listOpenclawChannels } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { bridgeOnSimulator } from './sim-bridge';

describeEachDriver('alerts through OpenClaw', (get) => {
  let sim: GatewaySimulator;
  let bridge: Bridge;
  let dir: string;

  before(async () => {
    sim = new GatewaySimulator();
    sim.channelAccounts = { telegram: [{ accountId: 'default', enabled: true, configured: true, running: true }] };
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'studio-alert-openclaw-'));
    bridge = await bridgeOnSimulator(get().db, sim, dir, 'bridge@alert-openclaw');
    // its channels read: the hello is in, so the gateway's calls are open to the delivery worker
    await until('the bridge connected', async () => (await listOpenclawChannels(get().db)).length === 1);
  });
  after(async () => {
    await bridge?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const channel = (name: string, config: { channel: string; to: string }) =>
    createAlertChannel(get().db, { name, kind: 'openclaw', config, secretSealed: null, secretHint: null });

  test('sent through the gateway’s send to the configured channel and target, once', async () => {
    const c = await channel('OpenClaw Telegram', { channel: 'telegram', to: '42' });
    const d = await bridge.alertDeliveries.sendNow((await enqueueTestAlert(get().db, c.id)).id);
    assert.equal(d?.status, 'delivered', d?.error ?? '');
    assert.equal(d?.attempts, 1);
    assert.match(d?.answer ?? '', /sim-message-1/);
    assert.equal(sim.sent.length, 1);
    assert.deepEqual(
      { ...sim.sent[0], idempotencyKey: sim.sent[0]!.idempotencyKey.startsWith('studio-alert-') },
      {
        channel: 'telegram',
        to: '42',
        message: 'Test alert from Agent Studio\n\nThis channel works: the studio’s alerts will reach you here.',
        idempotencyKey: true,
      },
    );
  });

  test('a channel the gateway does not have: refused in its words, not retried', async () => {
    const c = await channel('OpenClaw Signal', { channel: 'signal', to: '+100' });
    const d = await bridge.alertDeliveries.sendNow((await enqueueTestAlert(get().db, c.id)).id);
    assert.equal(d?.status, 'failed');
    assert.equal(d?.attempts, 1);
    assert.equal(d?.error, 'OpenClaw refused to send it: unknown channel: signal');
  });
});
