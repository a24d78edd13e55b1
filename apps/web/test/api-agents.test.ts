import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { randomUUID } from 'node:crypto';
import { getAgentSessionByKey, insertAgentLogs, upsertAgentSession, type Db } from '@agent-studio/database';
import * as listRoute from '@/app/api/agents/sessions/route';
import * as sessionRoute from '@/app/api/agents/sessions/[id]/route';
import * as logsRoute from '@/app/api/agents/sessions/[id]/logs/route';
import * as cancelRoute from '@/app/api/agents/sessions/[id]/cancel/route';
import * as spawnRoute from '@/app/api/agents/swarm/spawn/route';
import * as commandRoute from '@/app/api/commands/[id]/route';
import { sessionLogStream } from '@/server/api/log-stream';
import { call, readSse, until, useStudio } from './fixture';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const PAST_BIGINT = '99999999999999999999999999';

/** A session that ended with three lines logged. */
async function finishedSession(db: Db) {
  return db.transaction(async (tx) => {
    const { row } = await upsertAgentSession(tx, {
      sessionKey: `agent:main:done:${randomUUID()}`,
      agentName: 'researcher',
      agentType: 'singleton',
      status: 'completed',
      completedAt: new Date(),
    });
    await insertAgentLogs(
      tx,
      row.id,
      ['one', 'two', 'three'].map((message) => ({
        externalId: randomUUID(),
        level: 'info',
        message,
        timestamp: new Date(),
      })),
    );
    return row;
  });
}

describeEachDriver('agents API', (get) => {
  const studio = useStudio(get);

  test('POST /api/agents/swarm/spawn starts a swarm through the gateway; its sessions are listed with the tree', async () => {
    const res = await call(spawnRoute.POST, 'POST', '/api/agents/swarm/spawn', {
      body: { task: 'Compare three competitors', agents: ['researcher', 'writer'], context: { market: 'EU' } },
    });
    assert.equal(res.status, 202);
    const cmd = await until('spawned', async () => {
      const c = (await call(commandRoute.GET, 'GET', '/x', { params: { id: res.json.commandId } })).json.command;
      return c.status === 'succeeded' && c;
    });
    assert.equal(cmd.claimedBy, 'api-test', 'the bridge that took the command');
    const parentKey = cmd.result.sessionKey as string;
    const parent = await until('parent mirrored', () => getAgentSessionByKey(studio().db, parentKey));
    const detail = await until('tree of three', async () => {
      const d = await call(sessionRoute.GET, 'GET', '/x', { params: { id: parent.id } });
      return d.json.tree.length === 3 && d.json;
    });
    assert.deepEqual(
      detail.tree
        .slice(1)
        .map((n: { agentName: string; depth: number }) => [n.agentName, n.depth])
        .sort(),
      [
        ['researcher', 1],
        ['writer', 1],
      ],
    );

    const subs = await call(listRoute.GET, 'GET', `/api/agents/sessions?type=subagent&swarmId=${parent.id}`);
    assert.equal(subs.status, 200);
    assert.equal(subs.json.sessions.length, 2);
    const running = await call(listRoute.GET, 'GET', '/api/agents/sessions?status=running');
    assert.ok(running.json.sessions.every((s: { status: string }) => s.status === 'running'));
  });

  test('spawn with a bad body is a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ task: '', agents: ['a'] }, 'task'],
      [{ task: 't', agents: [] }, 'agents'],
      [{ task: 't', agents: ['a'], context: 'x' }, 'context'],
      [{ task: 't' }, 'agents'],
    ];
    for (const [body, field] of cases) {
      const res = await call(spawnRoute.POST, 'POST', '/x', { body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.details.issues[0].field, field);
    }
  });

  test('a session’s log streams stored then live lines, and cancel stops it through the gateway', async () => {
    const { sim, db } = studio();
    const key = sim.spawnSwarm('long task', [{ label: 'slow-worker', durationMs: 60_000 }]);
    const parent = await until('mirrored', () => getAgentSessionByKey(db, key));
    await until('running', async () => (await getAgentSessionByKey(db, key))?.status === 'running');

    const ac = new AbortController();
    const stream = await call(logsRoute.GET, 'GET', '/x', { params: { id: parent.id }, signal: ac.signal });
    assert.equal(stream.status, 200);
    const reading = readSse(stream.response, (m) => m.event === 'end', 20_000);

    const res = await call(cancelRoute.POST, 'POST', '/x', { params: { id: parent.id } });
    assert.equal(res.status, 202);
    await until('cancelled', async () => (await getAgentSessionByKey(db, key))?.status === 'cancelled');
    const messages = await reading;
    assert.ok(
      messages.some((m) => m.event === 'log' && m.data.message === 'user: long task'),
      JSON.stringify(messages.map((m) => m.data)),
    );
    assert.equal(messages.at(-1)?.event, 'end');
    const seqs = messages.filter((m) => m.event === 'log').map((m) => BigInt(m.id!));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => (a < b ? -1 : 1)),
      'lines in order',
    );

    const again = await call(cancelRoute.POST, 'POST', '/x', { params: { id: parent.id } });
    assert.equal(again.status, 409);
    assert.match(again.json.error.message, /already finished/);
  });

  test('a Last-Event-ID past bigint is ignored like any malformed one: a finished session’s log is sent whole, then end', async () => {
    const session = await finishedSession(studio().db);
    const stream = await call(logsRoute.GET, 'GET', '/x', {
      params: { id: session.id },
      headers: { 'last-event-id': PAST_BIGINT },
    });
    assert.equal(stream.status, 200);
    const messages = await readSse(stream.response, (m) => m.event !== 'log', 5_000);
    assert.deepEqual(
      messages.map((m) => (m.event === 'log' ? m.data.message : m.event)),
      ['one', 'two', 'three', 'end'],
    );
  });

  test('a log read that fails mid-stream ends the stream with an error event, not silence', async () => {
    const { db } = studio();
    const session = await finishedSession(db);
    // the database refuses the log's lines, as it would on a dropped connection
    const refusing: Db = {
      ...db,
      query: (sql, params) =>
        sql.includes('from agent_logs') ? Promise.reject(new Error('connection terminated')) : db.query(sql, params),
    };
    const stream = sessionLogStream(new Request('http://studio.test/x'), refusing, session.id);
    const messages = await readSse(stream, () => false, 5_000);
    assert.deepEqual(
      messages.map((m) => m.event),
      ['error'],
    );
    assert.doesNotMatch(
      messages[0]!.data.message,
      /connection terminated/,
      'the database’s own words stay in the server log',
    );
  });

  test('unknown sessions are 404; bad list queries are 400', async () => {
    assert.equal((await call(sessionRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404);
    assert.equal((await call(logsRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404);
    assert.equal((await call(cancelRoute.POST, 'POST', '/x', { params: { id: 'nope' } })).status, 404);
    for (const qs of [
      'status=sleeping',
      'type=robot',
      'swarmId=12',
      'limit=1000',
      'cursor=garbage',
      `cursor=${Buffer.from('yesterday|x').toString('base64url')}`,
    ])
      assert.equal((await call(listRoute.GET, 'GET', `/api/agents/sessions?${qs}`)).status, 400, qs);
  });

  test('the session list pages with a keyset cursor without repeats', async () => {
    const seen = new Set<string>();
    let cursor = '';
    for (let i = 0; i < 20; i++) {
      const { json } = await call(
        listRoute.GET,
        'GET',
        `/api/agents/sessions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const s of json.sessions) {
        assert.ok(!seen.has(s.id), 'no repeats');
        seen.add(s.id);
      }
      if (!json.nextCursor) break;
      cursor = json.nextCursor;
    }
    const all = await call(listRoute.GET, 'GET', '/api/agents/sessions?limit=200');
    assert.equal(seen.size, all.json.sessions.length);
  });
});
