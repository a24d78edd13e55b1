// A session OpenClaw deleted keeps its record, marked and under a key of its own; the key is free for a new one.
// And which sessions a gateway's whole list must still name (the bridge marks the others deleted as it connects).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  createGateway,
  DEFAULT_GATEWAY_ID,
  getAgentSessionByKey,
  insertSessionLogs,
  listAgentLogs,
  listHeldSessionKeys,
  markSessionDeleted,
  splitSessionAtReset,
  upsertAgentSession,
} from '../src/index';
import { eventMark, types } from './helpers';

describeEachDriver('session deletions', (get) => {
  test('a deleted session keeps its lines under a marked key; the key then starts a session of its own', async () => {
    const { db } = get();
    const key = `agent:main:deleted-${randomUUID()}`;
    const input = { sessionKey: key, agentName: 'main', agentType: 'singleton' as const, status: 'running' as const };
    const { row } = await upsertAgentSession(db, input);
    await insertSessionLogs(db, [
      { sessionId: row.id, externalId: 'msg:1', level: 'info', message: 'user: hello', timestamp: new Date() },
    ]);
    const mark = await eventMark(db);
    const at = new Date('2026-12-07T10:35:53.014Z');

    const deleted = await db.transaction((tx) => markSessionDeleted(tx, key, at));
    assert.equal(deleted?.id, row.id);
    assert.equal(deleted?.session_key, `${key}#deleted-2026-12-07T10:35:53.014Z`);
    assert.equal(deleted?.removed_at?.getTime(), at.getTime());
    assert.equal(deleted?.status, 'cancelled', 'a session going on when it was deleted');
    assert.deepEqual(types(await mark.since([`agents:${row.id}`])), ['agent.session.updated']);
    assert.equal((await listAgentLogs(db, { sessionId: row.id })).length, 1, 'its lines kept');

    assert.equal(await getAgentSessionByKey(db, key), null);
    const again = await upsertAgentSession(db, input);
    assert.ok(again.created && again.row.id !== row.id, 'a new session on the key is a row of its own');
    assert.equal(await db.transaction((tx) => markSessionDeleted(tx, `${key}-unknown`, at)), null);
  });

  test('the sessions a gateway’s list must still name: its own, not deleted, not set aside by a reset, active before the list', async () => {
    const { db } = get();
    const base = `agent:main:held-${randomUUID()}`;
    const now = Date.now();
    const listedAt = new Date(now + 60_000);
    const before = new Date(now - 60_000);
    const session = (key: string, lastActivityAt: Date, gatewayId = DEFAULT_GATEWAY_ID) =>
      upsertAgentSession(db, {
        sessionKey: key,
        agentName: 'main',
        agentType: 'singleton',
        status: 'idle',
        lastActivityAt,
        gatewayId,
      });
    await session(`${base}:kept`, before);
    await session(`${base}:after-the-list`, new Date(listedAt.getTime() + 1000));
    await session(`${base}:deleted`, before);
    await db.transaction((tx) => markSessionDeleted(tx, `${base}:deleted`, before));
    // reset: the conversation before goes to a key of its own (set aside), the key goes on with the new one
    const { row: reset } = await session(`${base}:reset`, before);
    await insertSessionLogs(db, [
      {
        sessionId: reset.id,
        externalId: 'msg:1',
        level: 'info',
        message: 'user: hi',
        timestamp: new Date(now - 30_000),
      },
    ]);
    const earlier = await db.transaction((tx) => splitSessionAtReset(tx, reset.id, new Date()));
    assert.ok(earlier?.session_key.startsWith(`${base}:reset#before-`), earlier?.session_key);
    const other = await createGateway(db, `other-${randomUUID().slice(0, 8)}`);
    await session(`${base}:other-gateway`, before, other.id);

    const held = (await listHeldSessionKeys(db, DEFAULT_GATEWAY_ID, listedAt)).filter((k) => k.startsWith(base));
    assert.deepEqual(held.sort(), [`${base}:kept`, `${base}:reset`]);
    assert.deepEqual(
      (await listHeldSessionKeys(db, other.id, listedAt)).filter((k) => k.startsWith(base)),
      [`${base}:other-gateway`],
    );
  });
});
