// OpenClaw's chat channels as the bridge mirrors them (issue 19): read from the gateway's `channels.status` on
// connect and on each poll, each account's state kept with the time it changed (a change is one event, for the
// dashboard's live card), and a channel down for longer than its delay open for the openclaw_channel_down rule.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { alertRuleByKind, latestEventId, listEventsSince, listOpenclawChannels } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { bridgeOnSimulator } from './sim-bridge';

const telegram = (over: Record<string, unknown> = {}) => ({
  accountId: 'default',
  enabled: true,
  configured: true,
  running: true,
  connected: true,
  healthState: 'healthy',
  ...over,
});

describeEachDriver('OpenClaw channels mirrored', (get) => {
  let sim: GatewaySimulator;
  let bridge: Bridge;
  let dir: string;

  before(async () => {
    sim = new GatewaySimulator();
    sim.channelAccounts = {
      telegram: [telegram()],
      whatsapp: [telegram({ connected: false, healthState: 'disconnected' })],
    };
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'studio-channels-'));
    bridge = await bridgeOnSimulator(get().db, sim, dir, 'bridge@channels-test');
  });
  after(async () => {
    await bridge?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('on connect: each account with its state; a channel that goes down is one event and opens the rule', async () => {
    const { db } = get();
    const states = async () => (await listOpenclawChannels(db)).map((c) => [c.channel, c.state, c.error]);
    await until('the channels read on connect', async () => (await listOpenclawChannels(db)).length === 2);
    assert.deepEqual(await states(), [
      ['telegram', 'up', null],
      ['whatsapp', 'down', 'disconnected'],
    ]);

    const mark = await latestEventId(db);
    sim.channelAccounts.telegram = [
      telegram({ running: false, healthState: 'not-running', lastError: '401: bot token revoked' }),
    ];
    await bridge.channels!.poll();
    assert.deepEqual(await states(), [
      ['telegram', 'down', '401: bot token revoked'],
      ['whatsapp', 'down', 'disconnected'],
    ]);
    await bridge.channels!.poll();
    const changes = (await listEventsSince(db, { afterId: mark })).filter((e) => e.type === 'openclaw.channel.updated');
    assert.deepEqual(
      changes.map((e) => [(e.payload as { channel: string }).channel, (e.payload as { state: string }).state]),
      [['telegram', 'down']],
      'one event for the change, none for the same state read again',
    );

    const rule = alertRuleByKind('openclaw_channel_down')!;
    const open = await rule.findOpen(db, rule.params.parse({ delayMinutes: 0 }), new Date(Date.now() + 1000));
    assert.deepEqual(open.map((i) => i.key).sort(), ['telegram/default', 'whatsapp/default']);
  });
});
