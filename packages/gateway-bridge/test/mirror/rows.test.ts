// The shared row writers (rows.ts): a session known only by its key, and presence recorded with an event only
// when who is connected changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GATEWAY_ID, getAgentSessionByKey, latestEventId, listEventsSince } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { recordPresence, sessionIds } from '../../src/mirror/rows';

describeEachDriver('mirror rows', (get) => {
  test('a session an event names before the list does is created from its key (a sub-agent as one)', async () => {
    const { db } = get();
    const keys = ['agent:main:early', 'agent:main:subagent:early-child'];
    const ids = await db.transaction((tx) => sessionIds(tx, DEFAULT_GATEWAY_ID, keys));
    assert.equal(ids.size, 2);
    const again = await db.transaction((tx) => sessionIds(tx, DEFAULT_GATEWAY_ID, keys));
    assert.deepEqual([...again], [...ids]);
    assert.equal((await getAgentSessionByKey(db, keys[1]!))?.spawn_depth, 1);
    assert.equal((await getAgentSessionByKey(db, keys[0]!))?.status, 'running');
  });

  test('presence: an event when the instances change, none when only their last-seen time does', async () => {
    const { db } = get();
    const mark = await latestEventId(db);
    const gateway = { host: 'lab', mode: 'gateway', version: '2026.9.6', ts: Date.now() };
    await recordPresence(db, DEFAULT_GATEWAY_ID, [gateway]);
    await recordPresence(db, DEFAULT_GATEWAY_ID, [{ ...gateway, ts: Date.now() + 1000 }]);
    await recordPresence(db, DEFAULT_GATEWAY_ID, [gateway, { host: 'laptop', mode: 'operator', version: '2026.9.6' }]);
    const events = await listEventsSince(db, { afterId: mark, channels: ['system'] });
    assert.deepEqual(
      events
        .filter((e) => e.type === 'gateway.presence')
        .map((e) => (e.payload as { instances: unknown[] }).instances.length),
      [1, 2],
    );
  });
});
