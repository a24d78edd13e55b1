// channels.status (2026.9.6's shape: channelAccounts per channel, each account's snapshot with OpenClaw's own
// health verdict) read into the studio's up / down / off.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelStates, channelsStatusSchema } from '../src/sources/channels';

const payload = channelsStatusSchema.parse({
  ts: 1796442327520,
  channelOrder: ['telegram', 'whatsapp', 'discord'],
  channelLabels: { telegram: 'Telegram', whatsapp: 'WhatsApp', discord: 'Discord' },
  channels: {},
  channelAccounts: {
    telegram: [
      { accountId: 'default', enabled: true, configured: true, running: true, connected: true, healthState: 'healthy' },
      {
        accountId: 'ops',
        name: 'Ops bot',
        enabled: true,
        configured: true,
        running: false,
        lastError: '401 Unauthorized: bot token revoked',
        healthState: 'not-running',
      },
    ],
    whatsapp: [
      {
        accountId: 'default',
        enabled: true,
        configured: true,
        running: true,
        connected: false,
        healthState: 'disconnected',
      },
    ],
    discord: [{ accountId: 'default', enabled: false, configured: true, running: false }],
    slack: [{ accountId: 'default', enabled: true, configured: true, running: true, healthState: 'reconnect-grace' }],
  },
  statusIssues: [],
});

test('each account: up, down with its error, or off; channels outside channelOrder are kept', () => {
  assert.deepEqual(
    channelStates(payload).map((c) => [c.channel, c.accountId, c.label, c.state, c.error]),
    [
      ['telegram', 'default', 'Telegram', 'up', null],
      ['telegram', 'ops', 'Telegram · Ops bot', 'down', '401 Unauthorized: bot token revoked'],
      ['whatsapp', 'default', 'WhatsApp', 'down', 'disconnected'],
      ['discord', 'default', 'Discord', 'off', null],
      ['slack', 'default', 'slack', 'up', null],
    ],
  );
});

test('a gateway without channels (the lab: OPENCLAW_SKIP_CHANNELS) gives none', () => {
  assert.deepEqual(channelStates(channelsStatusSchema.parse({ channels: {}, channelAccounts: {} })), []);
});
