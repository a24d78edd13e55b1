// A session OpenClaw reset: the conversation before the reset's marker becomes a session of its own, priced
// from its lines, and the key's session starts at the reset; nothing is lost, nothing counted twice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  getAgentSession,
  insertSessionLogs,
  listAgentLogs,
  listEarlierConversations,
  splitSessionAtReset,
  upsertAgentSession,
  usageBreakdown,
  type Queryable,
} from '../src/index';
import { eventMark, types } from './helpers';

const t0 = new Date('2026-11-02T09:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);
const usage = (input: number, output: number, costUsd: number) => ({
  usage: { input, output, total: input + output, costUsd },
});

async function sessionWithReset(db: Queryable) {
  const key = `agent:main:reset-${randomUUID()}`;
  const { row } = await upsertAgentSession(db, {
    sessionKey: key,
    agentName: 'main',
    agentType: 'singleton',
    status: 'completed',
    startedAt: t0,
  });
  const line = (id: string, at: number, metadata: Record<string, unknown>) => ({
    sessionId: row.id,
    externalId: `msg:${id}`,
    level: 'info' as const,
    message: `${String(metadata.role)}: ${id}`,
    timestamp: after(at),
    metadata,
  });
  await insertSessionLogs(db, [
    line('before-user', 1, { role: 'user' }),
    line('before-reply', 2, { role: 'assistant', ...usage(40, 7, 0.25) }),
    line('before-second-reply', 3, { role: 'assistant', ...usage(60, 3, 0.5) }),
    line('reset', 10, { role: 'system', reset: true }),
    line('after-user', 11, { role: 'user' }),
    line('after-reply', 12, { role: 'assistant', ...usage(42, 7, 0.125) }),
  ]);
  // the gateway lists the new conversation's cost only
  await upsertAgentSession(db, {
    ...row,
    sessionKey: key,
    agentName: 'main',
    agentType: 'singleton',
    status: 'completed',
    costUsd: 0.125,
  });
  return row;
}

const ids = async (db: Queryable, sessionId: string) =>
  (await listAgentLogs(db, { sessionId, limit: 100 })).map((l) => (l.external_id ?? '').slice('msg:'.length)).sort();

describeEachDriver('session resets', (get) => {
  test('the conversation before a reset becomes its own session, priced from its lines; the key starts anew', async () => {
    const { db } = get();
    const session = await sessionWithReset(db);
    const mark = await eventMark(db);

    const earlier = await db.transaction((tx) => splitSessionAtReset(tx, session.id, after(10)));
    assert.ok(earlier, 'a session for the conversation before the reset');
    assert.equal(earlier.session_key, `${session.session_key}#before-2026-11-02T09:00:10.000Z`);
    assert.equal(earlier.continued_by, session.id);
    assert.equal(earlier.status, 'completed');
    assert.equal(earlier.started_at.getTime(), t0.getTime());
    assert.equal(earlier.completed_at?.getTime(), after(10).getTime());
    assert.equal(earlier.last_activity_at.getTime(), after(3).getTime());
    assert.equal(Number(earlier.cost_usd), 0.75);
    assert.equal(earlier.progress_message, 'before-second-reply', 'what the conversation ended with');
    assert.deepEqual(earlier.token_usage, { input: 100, output: 10, total: 110 });
    assert.deepEqual(await ids(db, earlier.id), ['before-reply', 'before-second-reply', 'before-user']);

    const now = (await getAgentSession(db, session.id))!;
    assert.equal(now.started_at.getTime(), after(10).getTime(), 'the key’s session starts at the reset');
    assert.equal(Number(now.cost_usd), 0.125, 'its cost is the gateway’s, of the new conversation');
    assert.deepEqual(await ids(db, session.id), ['after-reply', 'after-user', 'reset']);
    assert.deepEqual(
      (await listEarlierConversations(db, session.id)).map((c) => c.id),
      [earlier.id],
    );
    assert.deepEqual(types(await mark.since([`agents:${earlier.id}`, `agents:${session.id}`])), [
      'agent.session.created',
      'agent.session.updated',
    ]);

    // both conversations count, each on the day it started
    const { byAgent } = await usageBreakdown(db, {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-03T00:00:00Z'),
      bucket: 'day',
      timeZone: 'UTC',
    });
    const main = byAgent.find((r) => r.key === 'main');
    assert.equal(main?.sessions, 2);
    assert.equal(main?.cost_usd, 0.875);

    assert.equal(
      await db.transaction((tx) => splitSessionAtReset(tx, session.id, after(10))),
      null,
      'a reset already split is not split again',
    );
    assert.deepEqual(await ids(db, session.id), ['after-reply', 'after-user', 'reset']);
  });
});
