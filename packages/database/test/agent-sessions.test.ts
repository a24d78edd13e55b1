// Agent sessions mirrored by key: sessions may arrive in any order and still form one tree, and log lines
// re-read from a transcript are stored and announced once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  createRootSessions,
  getAgentSessionByKey,
  getSessionTree,
  insertAgentLogs,
  insertSessionLogs,
  listAgentLogs,
  upsertAgentSession,
  type AgentLogInput,
  type AgentSessionInput,
  type Queryable,
} from '../src/index';
import { eventMark, payloadsOf, types } from './helpers';

const session = (sessionKey: string, over: Partial<AgentSessionInput> = {}): AgentSessionInput => ({
  sessionKey,
  agentName: 'researcher',
  agentType: 'singleton',
  status: 'running',
  ...over,
});
const keyOf = (name: string) => `agent:main:${name}:${randomUUID()}`;
const byKey = async (db: Queryable, key: string) => (await getAgentSessionByKey(db, key))!;

describeEachDriver('agent sessions', (get) => {
  test('upsert is keyed by session_key and a repeat changes nothing', async () => {
    const { db } = get();
    const key = keyOf('solo');
    const mark = await eventMark(db);
    const first = await upsertAgentSession(db, session(key, { tokenUsage: { input: 10, output: 5, total: 15 } }));
    assert.deepEqual([first.created, first.changed], [true, true]);

    const repeat = await upsertAgentSession(db, session(key));
    assert.deepEqual([repeat.created, repeat.changed, repeat.row.id], [false, false, first.row.id]);
    assert.deepEqual(
      repeat.row.token_usage,
      { input: 10, output: 5, total: 15 },
      'an observation without usage keeps the known one',
    );

    const done = await upsertAgentSession(db, session(key, { status: 'completed', finalOutput: 'report written' }));
    assert.deepEqual([done.created, done.changed, done.row.id], [false, true, first.row.id]);
    assert.equal(done.row.progress_percent, 100);
    assert.deepEqual(types(await mark.since([`agents:${first.row.id}`])), [
      'agent.session.created',
      'agent.session.updated',
    ]);
  });

  test('a cancelled session stays cancelled when its failed run is read later, and runs again', async () => {
    const { db } = get();
    const key = keyOf('stopped');
    await upsertAgentSession(db, session(key));
    const mark = await eventMark(db);
    assert.equal(
      (await upsertAgentSession(db, session(key, { status: 'cancelled', completedAt: new Date() }))).row.status,
      'cancelled',
    );
    for (const later of ['error', 'completed', 'idle'] as const) {
      const res = await upsertAgentSession(db, session(key, { status: later }));
      assert.deepEqual([res.changed, res.row.status], [false, 'cancelled'], later);
    }
    assert.equal(
      (await upsertAgentSession(db, session(key, { status: 'running' }))).row.status,
      'running',
      'a new run',
    );
    assert.deepEqual(
      payloadsOf(await mark.since([`agents:${(await byKey(db, key)).id}`]), 'agent.session.updated').map(
        (p) => p.status,
      ),
      ['cancelled', 'running'],
    );
  });

  test('a child seen before its parent is linked when the parent arrives', async () => {
    const { db } = get();
    const parentKey = keyOf('lead');
    const child = await upsertAgentSession(
      db,
      session(keyOf('sub'), { agentType: 'subagent', parentSessionKey: parentKey, spawnDepth: 1 }),
    );
    assert.equal(child.row.parent_session_id, null);

    const parent = await upsertAgentSession(db, session(parentKey, { agentType: 'swarm' }));
    const linked = await byKey(db, child.row.session_key);
    assert.equal(linked.parent_session_id, parent.row.id);
    assert.equal(linked.swarm_id, parent.row.id);

    const late = await upsertAgentSession(
      db,
      session(keyOf('sub'), { agentType: 'subagent', parentSessionKey: parentKey }),
    );
    assert.deepEqual(
      [late.row.parent_session_id, late.row.swarm_id],
      [parent.row.id, parent.row.id],
      'a child after its parent is linked at once',
    );
  });

  test('three generations arriving youngest first end up in one swarm', async () => {
    const { db } = get();
    const [rootKey, childKey, grandchildKey] = [keyOf('root'), keyOf('child'), keyOf('grandchild')];
    await upsertAgentSession(
      db,
      session(grandchildKey, { agentType: 'subagent', parentSessionKey: childKey, spawnDepth: 2 }),
    );
    await upsertAgentSession(
      db,
      session(childKey, { agentType: 'subagent', parentSessionKey: rootKey, spawnDepth: 1 }),
    );
    const root = (await upsertAgentSession(db, session(rootKey, { agentType: 'swarm' }))).row;

    const child = await byKey(db, childKey);
    const grandchild = await byKey(db, grandchildKey);
    assert.equal(child.parent_session_id, root.id);
    assert.equal(grandchild.parent_session_id, child.id);
    assert.deepEqual([child.swarm_id, grandchild.swarm_id], [root.id, root.id]);
  });

  test('a session that learns its parent later brings its own children into the swarm', async () => {
    const { db } = get();
    const [rootKey, childKey, grandchildKey] = [keyOf('root'), keyOf('child'), keyOf('grandchild')];
    const root = (await upsertAgentSession(db, session(rootKey, { agentType: 'swarm' }))).row;
    // events can name a session before the session list says who spawned it
    await upsertAgentSession(db, session(childKey, { agentName: childKey }));
    await upsertAgentSession(db, session(grandchildKey, { agentType: 'subagent', parentSessionKey: childKey }));
    await upsertAgentSession(db, session(childKey, { agentType: 'subagent', parentSessionKey: rootKey }));

    const child = await byKey(db, childKey);
    assert.deepEqual([child.parent_session_id, child.swarm_id], [root.id, root.id]);
    assert.equal((await byKey(db, grandchildKey)).swarm_id, root.id);
  });

  test('getSessionTree returns the tree depth first, oldest sibling first', async () => {
    const { db } = get();
    const at = (m: number) => new Date(Date.UTC(2024, 5, 1, 12, m));
    const rootKey = keyOf('root');
    const root = (await upsertAgentSession(db, session(rootKey, { agentType: 'swarm', startedAt: at(0) }))).row;
    const sub = (name: string, parent: string, m: number) =>
      upsertAgentSession(db, session(name, { agentType: 'subagent', parentSessionKey: parent, startedAt: at(m) }));
    await sub('b', rootKey, 5);
    await sub('a', rootKey, 1);
    await sub('a.1', 'a', 2);
    await upsertAgentSession(db, session(keyOf('stranger'), { startedAt: at(3) }));

    const tree = await getSessionTree(db, root.id);
    assert.deepEqual(
      tree.map((s) => [s.session_key, s.depth]),
      [
        [rootKey, 0],
        ['a', 1],
        ['a.1', 2],
        ['b', 1],
      ],
    );
    assert.equal('path' in tree[0]!, false);
  });

  test('insertAgentLogs stores each line once and announces only new ones', async () => {
    const { db } = get();
    const { row } = await upsertAgentSession(db, session(keyOf('logger')));
    const line = (id: string, over: Partial<AgentLogInput> = {}): AgentLogInput => ({
      externalId: id,
      level: 'info',
      message: `line ${id}`,
      timestamp: new Date(Date.UTC(2024, 5, 1, 12, 0, Number(id))),
      ...over,
    });
    const mark = await eventMark(db);

    assert.equal(
      await insertAgentLogs(db, row.id, [
        line('1'),
        line('2'),
        line('3', { toolName: 'web_search', toolInput: { q: 'x' } }),
      ]),
      3,
    );
    assert.equal(await insertAgentLogs(db, row.id, [line('2'), line('3'), line('4')]), 1);
    // the tool's result arriving later fills the line in, but is not a new line
    assert.equal(
      await insertAgentLogs(db, row.id, [
        line('3', { toolName: 'web_search', toolOutput: { hits: 2 }, toolDurationMs: 800 }),
      ]),
      0,
    );

    const logs = await listAgentLogs(db, { sessionId: row.id });
    assert.deepEqual(
      logs.map((l) => l.external_id),
      ['1', '2', '3', '4'],
    );
    assert.deepEqual([logs[2]?.tool_output, logs[2]?.tool_duration_ms], [{ hits: 2 }, 800]);

    const events = await mark.since([`agents:${row.id}`]);
    assert.deepEqual(types(events), ['agent.log', 'agent.log', 'agent.log', 'agent.log']);
    assert.deepEqual(
      payloadsOf(events, 'agent.log').map((p) => p.message),
      ['line 1', 'line 2', 'line 3', 'line 4'],
    );
  });

  test('insertSessionLogs: a burst for several sessions stores each line once, announced in the order it came', async () => {
    const { db } = get();
    const a = (await upsertAgentSession(db, session(keyOf('a')))).row.id;
    const b = (await upsertAgentSession(db, session(keyOf('b')))).row.id;
    const line = (sessionId: string, id: string, over: Partial<AgentLogInput> = {}) => ({
      sessionId,
      externalId: id,
      level: 'info' as const,
      message: `${sessionId === a ? 'a' : 'b'} ${id}`,
      timestamp: new Date(Date.UTC(2024, 5, 1)),
      ...over,
    });
    const burst = [
      line(a, '1'),
      line(b, '1'),
      line(a, 'tool', { toolName: 'exec', toolInput: { cmd: 'ls' } }),
      line(b, '2'),
      line(a, '2'),
      // the same tool call again with its result, in the same burst: it fills the line in, once
      line(a, 'tool', { toolName: 'exec', toolOutput: null }),
    ];
    const mark = await eventMark(db);

    const fresh = await db.transaction((tx) => insertSessionLogs(tx, burst));
    assert.deepEqual(
      fresh.map((l) => l.message),
      ['a 1', 'b 1', 'a tool', 'b 2', 'a 2'],
    );
    assert.deepEqual(
      payloadsOf(await mark.since(), 'agent.log').map((p) => p.message),
      ['a 1', 'b 1', 'a tool', 'b 2', 'a 2'],
    );
    assert.deepEqual(
      (await listAgentLogs(db, { sessionId: a })).map((l) => [l.external_id, l.tool_output]),
      [
        ['1', null],
        ['tool', null],
        ['2', null],
      ],
    );
    assert.deepEqual(
      (await listAgentLogs(db, { sessionId: b })).map((l) => l.external_id),
      ['1', '2'],
    );
    // a JSON null is a result the tool gave (not a missing one)
    assert.equal(
      (
        await db.query<{ t: string }>(
          `select jsonb_typeof(tool_output) as t from agent_logs where session_id = $1 and external_id = 'tool'`,
          [a],
        )
      )[0]?.t,
      'null',
    );

    const again = await eventMark(db);
    assert.deepEqual(await db.transaction((tx) => insertSessionLogs(tx, burst)), []);
    assert.deepEqual(await again.since(), []);
  });

  test('createRootSessions creates the unknown sessions only, and adopts children that came before them', async () => {
    const { db } = get();
    const [known, fresh] = [keyOf('known'), keyOf('fresh')];
    await upsertAgentSession(db, session(known, { status: 'completed' }));
    await upsertAgentSession(db, session(`${fresh}:subagent:1`, { agentType: 'subagent', parentSessionKey: fresh }));
    await upsertAgentSession(
      db,
      session(`${fresh}:subagent:1:sub`, { agentType: 'subagent', parentSessionKey: `${fresh}:subagent:1` }),
    );
    const mark = await eventMark(db);

    const created = await db.transaction((tx) =>
      createRootSessions(tx, [session(known, { status: 'running' }), session(fresh), session(fresh)]),
    );
    assert.deepEqual(
      created.map((s) => s.session_key),
      [fresh],
    );
    assert.equal((await byKey(db, known)).status, 'completed');
    const root = await byKey(db, fresh);
    const child = await byKey(db, `${fresh}:subagent:1`);
    const grandchild = await byKey(db, `${fresh}:subagent:1:sub`);
    assert.deepEqual([child.parent_session_id, child.swarm_id, grandchild.swarm_id], [root.id, root.id, root.id]);
    assert.deepEqual(types(await mark.since()), ['agent.session.created']);

    await assert.rejects(
      db.transaction((tx) => createRootSessions(tx, [session(keyOf('child'), { parentSessionKey: fresh })])),
      /has a parent/,
    );
  });
});
