// The shared row writers (rows.ts): a session known only by its key, a listed session's archive state, and
// presence recorded with an event only when who is connected changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GATEWAY_ID, getAgentSessionByKey, latestEventId, listEventsSince } from '@agent-studio/database';
import type { OcSession } from '../../src/mirror/schemas';
import { describeEachDriver } from '@agent-studio/database/testing';
import { recordPresence, sessionIds, writeSession } from '../../src/mirror/rows';

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

  // the fields as OpenClaw 2026.9.6 lists them (seen in the lab: `sessions.patch {archived: true}`, then false)
  test('a listed session’s archive state: archived since when and why, restored, left alone by a row that does not say', async () => {
    const { db } = get();
    const key = `agent:main:archive-${Date.now()}`;
    const base = {
      key,
      sessionId: 'sid',
      agentId: 'main',
      status: 'done',
      createdAt: 1796685478371,
      endedAt: 1796685483497,
    } as OcSession;
    const write = (s: Partial<OcSession>) =>
      db.transaction((tx) => writeSession(tx, DEFAULT_GATEWAY_ID, { ...base, updatedAt: 1796685483573, ...s }));
    const row = async () => (await getAgentSessionByKey(db, key))!;
    const updates = async (after: string) =>
      (await listEventsSince(db, { afterId: after, channels: [`agents:${(await row()).id}`] })).length;

    await write({ archived: false });
    assert.equal((await row()).archived_at, null);
    const mark = await latestEventId(db);
    const archived = { archived: true, archivedAt: 1796685485951, archiveReason: 'manual', updatedAt: 1796685485951 };
    await write(archived);
    assert.equal((await row()).archived_at?.getTime(), 1796685485951);
    assert.equal((await row()).archive_reason, 'manual');
    assert.equal(await updates(mark), 1, 'the archive is an update of the session');
    const again = await latestEventId(db);
    await write(archived);
    assert.equal(await updates(again), 0, 'listed again as it was: no event');
    await write({ updatedAt: 1796685486000 });
    assert.equal((await row()).archive_reason, 'manual', 'a row that does not say (before 2026.9.6) changes nothing');
    await write({ archived: false, updatedAt: 1796685487980 });
    assert.equal((await row()).archived_at, null, 'restored');
    assert.equal((await row()).archive_reason, null);
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
