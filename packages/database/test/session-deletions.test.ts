// A session OpenClaw deleted keeps its record, marked and under a key of its own; the key is free for a new one.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  getAgentSessionByKey,
  insertSessionLogs,
  listAgentLogs,
  markSessionDeleted,
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
});
