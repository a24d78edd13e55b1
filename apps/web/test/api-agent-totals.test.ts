// A swarm's root answers with what the whole swarm used: its own figures and its subtree's, in the list and alone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sessionResponse, sessionsResponse } from '@agent-studio/core/api';
import { describeEachDriver } from '@agent-studio/database/testing';
import { upsertAgentSession, type AgentSessionInput, type Db } from '@agent-studio/database';
import * as listRoute from '@/app/api/agents/sessions/route';
import * as sessionRoute from '@/app/api/agents/sessions/[id]/route';
import * as openapiRoute from '@/app/api/openapi.json/route';
import { call, useStudio } from './fixture';

const at = (s: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + s * 1000);

/** root → planner → writer (three levels) and root → checker. */
async function swarm(db: Db) {
  const keys = Object.fromEntries(
    ['root', 'planner', 'writer', 'checker'].map((n) => [n, `agent:main:${n}:${randomUUID()}`]),
  );
  const add = (
    name: string,
    parent: string | null,
    from: number,
    to: number | null,
    tokens: [number, number],
    costUsd: number,
    over: Partial<AgentSessionInput> = {},
  ) =>
    upsertAgentSession(db, {
      sessionKey: keys[name]!,
      agentName: name,
      agentType: parent ? 'subagent' : 'swarm',
      status: to == null ? 'running' : 'completed',
      parentSessionKey: parent && keys[parent],
      startedAt: at(from),
      lastActivityAt: at(to ?? from),
      completedAt: to == null ? null : at(to),
      tokenUsage: { input: tokens[0], output: tokens[1], total: tokens[0] + tokens[1] },
      costUsd,
      ...over,
    }).then((r) => r.row);
  const root = await add('root', null, 0, 10, [100, 10], 0.001);
  await add('planner', 'root', 2, 30, [300, 30], 0.003);
  await add('writer', 'planner', 5, 50, [400, 40], 0.006);
  await add('checker', 'root', 3, 20, [200, 20], 0.004);
  return root;
}

describeEachDriver('agents API: swarm totals', (get) => {
  const studio = useStudio(get);

  test('a swarm root in the list and alone carries its subtree’s tokens, cost and duration; a leaf its own', async () => {
    const root = await swarm(studio().db);
    const list = await call(listRoute.GET, 'GET', '/api/agents/sessions?limit=200');
    assert.equal(list.status, 200);
    sessionsResponse.parse(list.json);
    const listed = list.json.sessions.find((s: { id: string }) => s.id === root.id);
    const single = await call(sessionRoute.GET, 'GET', '/x', { params: { id: root.id } });
    assert.equal(single.status, 200);
    sessionResponse.parse(single.json);

    for (const s of [listed, single.json.session]) {
      assert.deepEqual([s.costUsd, s.tokenUsage.total], [0.001, 110], 'own figures as before');
      const { costUsd, ...rest } = s.subtree;
      assert.ok(Math.abs(costUsd - 0.014) < 1e-9, String(costUsd));
      assert.deepEqual(rest, {
        subAgents: 3,
        tokenUsage: { input: 1000, output: 100, cacheRead: null, cacheWrite: null, total: 1100 },
        startedAt: at(0).toISOString(),
        endedAt: at(50).toISOString(),
        durationMs: 50_000,
        running: false,
        truncated: false,
      });
    }
    const leaf = list.json.sessions.find(
      (s: { agentName: string; parentSessionId: string | null }) =>
        s.agentName === 'checker' && s.parentSessionId === root.id,
    );
    assert.deepEqual([leaf.subtree.subAgents, leaf.subtree.costUsd, leaf.subtree.durationMs], [0, 0.004, 17_000]);
  });

  test('the OpenAPI document describes the subtree totals of both answers', async () => {
    const { json } = await call(openapiRoute.GET, 'GET', '/api/openapi.json');
    const schema = (path: string) => json.paths[path].get.responses[200].content['application/json'].schema;
    const inList = schema('/api/agents/sessions').properties.sessions.items;
    const alone = schema('/api/agents/sessions/{id}').properties.session;
    for (const s of [inList, alone]) {
      assert.ok(s.required.includes('subtree'));
      assert.deepEqual(Object.keys(s.properties.subtree.properties).sort(), [
        'costUsd',
        'durationMs',
        'endedAt',
        'running',
        'startedAt',
        'subAgents',
        'tokenUsage',
        'truncated',
      ]);
      assert.deepEqual(Object.keys(s.properties.subtree.properties.tokenUsage.properties), [
        'input',
        'output',
        'cacheRead',
        'cacheWrite',
        'total',
      ]);
    }
  });
});
