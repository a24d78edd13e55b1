// The inbox's two alert rule kinds: an approval waiting (after a delay) and an OpenClaw channel down (after a
// delay), each open while it lasts and gone once answered / back up.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { alertRuleByKind } from '../src/alerts/rules';
import { describeEachDriver } from './kit/testing';
import { recordApprovalRequested, recordApprovalResolved, recordChannelStates } from '../src/index';

const MIN = 60_000;

describeEachDriver('inbox alert rules', (get) => {
  test('approval_waiting: open after its delay until it is answered', async () => {
    const { db } = get();
    const rule = alertRuleByKind('approval_waiting')!;
    const now = new Date();
    const externalId = randomUUID();
    const row = (await recordApprovalRequested(db, {
      source: 'openclaw',
      externalId,
      kind: 'exec',
      title: 'rm -rf build/',
      agentId: 'main',
      sessionKey: 'agent:main:main',
      allowedDecisions: ['allow-once', 'deny'],
      request: {},
      requestedAt: new Date(now.getTime() - 3 * MIN),
      expiresAt: new Date(now.getTime() + 30 * MIN),
    }))!;
    const open = (p: object) => rule.findOpen(db, rule.params.parse(p), now);
    const mine = async (p: object) => (await open(p)).filter((i) => i.key === row.id);
    assert.equal((await mine({})).length, 1, 'open at once by default');
    const [item] = await mine({ delayMinutes: 2 });
    assert.equal(item?.title, 'rm -rf build/');
    assert.match(item!.detail, /agent main, session agent:main:main.*expires at/);
    assert.deepEqual(await mine({ delayMinutes: 5 }), [], 'not before its delay');
    const at = await rule.opensAt!(db, rule.params.parse({ delayMinutes: 5 }), now);
    assert.ok(at && at.getTime() <= now.getTime() + 2 * MIN + 1000);
    await recordApprovalResolved(db, { source: 'openclaw', externalId, decision: 'deny', resolvedBy: null, at: now });
    assert.deepEqual(await mine({}), [], 'answered: no longer open');
  });

  test('openclaw_channel_down: open once down for longer than the delay, gone when back up', async () => {
    const { db } = get();
    const rule = alertRuleByKind('openclaw_channel_down')!;
    assert.equal(rule.aboutGateway, true, 'never only through the gateway');
    const now = new Date();
    const base = { channel: 'telegram', accountId: 'default', label: 'Telegram', detail: {} };
    await recordChannelStates(
      db,
      'openclaw',
      [{ ...base, state: 'down', error: 'bot token revoked' }],
      new Date(now.getTime() - 10 * MIN),
    );
    const open = (p: object) => rule.findOpen(db, rule.params.parse(p), now);
    const [item] = await open({});
    assert.equal(item?.key, 'telegram/default');
    assert.match(item!.detail, /bot token revoked/);
    assert.deepEqual(await open({ delayMinutes: 30 }), []);
    await recordChannelStates(db, 'openclaw', [{ ...base, state: 'up', error: null }], now);
    assert.deepEqual(await open({ delayMinutes: 0 }), []);
  });
});
