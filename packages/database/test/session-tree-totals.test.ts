// A swarm's figures: its root's own tokens, cost and time, and those of everything it spawned at any depth.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  getAgentSessionByKey,
  getSessionTreeTotals,
  TREE_TOTALS_MAX_DEPTH,
  upsertAgentSession,
  type AgentSessionInput,
  type Queryable,
} from '../src/index';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (s: number | Date) => (s instanceof Date ? s : new Date(T0 + s * 1000));
const key = (name: string) => `agent:main:${name}:${randomUUID()}`;

/** A session from `from` to `to` (seconds after T0, or dates); running when `to` is null. */
async function session(
  db: Queryable,
  sessionKey: string,
  parentSessionKey: string | null,
  from: number | Date,
  to: number | Date | null,
  over: Partial<AgentSessionInput> = {},
) {
  const { row } = await upsertAgentSession(db, {
    sessionKey,
    agentName: sessionKey.split(':')[2]!,
    agentType: parentSessionKey ? 'subagent' : 'swarm',
    status: to == null ? 'running' : 'completed',
    parentSessionKey,
    startedAt: at(from),
    lastActivityAt: at(to ?? from),
    completedAt: to == null ? null : at(to),
    ...over,
  });
  return row;
}

const usage = (input: number, output: number, extra: Record<string, number> = {}) =>
  ({ input, output, total: input + output, ...extra }) as AgentSessionInput['tokenUsage'];

describeEachDriver('session tree totals', (get) => {
  test('a three-level swarm: the root’s own figures and those of its whole subtree', async () => {
    const { db } = get();
    const [root, a, b, a1, a2] = ['root', 'a', 'b', 'a1', 'a2'].map(key) as [string, string, string, string, string];
    // a grandchild mirrored before its parent: linked when the parent arrives
    await session(db, a1, a, 20, 95, {
      tokenUsage: usage(300, 30, { cacheRead: 1000, cacheWrite: 50 }),
      costUsd: 0.004,
    });
    const r = await session(db, root, null, 0, 30, { tokenUsage: usage(100, 10), costUsd: 0.001 });
    await session(db, a, root, 5, 60, { tokenUsage: usage(200, 20), costUsd: 0.003 });
    await session(db, b, root, 6, 40, { tokenUsage: usage(250, 25), costUsd: 0.005, status: 'error' });
    // only a total known (and no cost): it counts with its total
    await session(db, a2, a, 25, 120, { tokenUsage: { total: 70 } });

    const totals = (await getSessionTreeTotals(db, [r.id])).get(r.id)!;
    assert.deepEqual(
      { ...totals.own, startedAt: totals.own.startedAt.toISOString(), endedAt: totals.own.endedAt?.toISOString() },
      {
        input: 100,
        output: 10,
        cacheRead: null,
        cacheWrite: null,
        total: 110,
        costUsd: 0.001,
        startedAt: at(0).toISOString(),
        endedAt: at(30).toISOString(),
        durationMs: 30_000,
        running: false,
      },
    );
    const tree = totals.subtree;
    assert.equal(tree.subAgents, 4);
    assert.deepEqual([tree.input, tree.output, tree.cacheRead, tree.cacheWrite], [850, 85, 1000, 50]);
    assert.equal(tree.total, 110 + 220 + 275 + 1380 + 70, 'input + output + cache read + cache write, per session');
    assert.ok(Math.abs(tree.costUsd! - 0.013) < 1e-9, String(tree.costUsd));
    assert.deepEqual(
      [tree.startedAt.toISOString(), tree.endedAt?.toISOString(), tree.durationMs],
      [at(0).toISOString(), at(120).toISOString(), 120_000],
      'first start to last end',
    );
    assert.equal(tree.truncated, false);

    // a middle node is the root of its own subtree
    const aId = (await getAgentSessionByKey(db, a))!.id;
    const mid = (await getSessionTreeTotals(db, [aId])).get(aId)!;
    assert.deepEqual([mid.subtree.subAgents, mid.subtree.total, mid.subtree.durationMs], [2, 220 + 1380 + 70, 115_000]);
  });

  test('while a session in the subtree runs, the duration runs to now and there is no end', async () => {
    const { db } = get();
    const [root, child] = [key('live-root'), key('live-child')];
    const start = Date.now() - 60_000;
    const r = await session(db, root, null, new Date(start), new Date(start + 5000));
    await session(db, child, root, new Date(start + 1000), null);
    const before = Date.now();
    const { subtree, own } = (await getSessionTreeTotals(db, [r.id])).get(r.id)!;
    assert.deepEqual([subtree.running, subtree.endedAt, own.running, own.durationMs], [true, null, false, 5000]);
    assert.ok(
      subtree.durationMs >= before - start && subtree.durationMs <= Date.now() - start,
      String(subtree.durationMs),
    );
  });

  test('a leaf has its own figures as its subtree; unknown ids are left out; a cycle is walked once; depth is capped', async () => {
    const { db } = get();
    const leaf = await session(db, key('leaf'), null, 0, 10, { tokenUsage: usage(5, 5), costUsd: 0.0001 });
    const totals = await getSessionTreeTotals(db, [leaf.id, leaf.id, randomUUID()]);
    assert.deepEqual([...totals.keys()], [leaf.id]);
    assert.deepEqual(
      [
        totals.get(leaf.id)!.subtree.subAgents,
        totals.get(leaf.id)!.subtree.total,
        totals.get(leaf.id)!.subtree.costUsd,
      ],
      [0, 10, 0.0001],
    );

    // x → y → x (links a hostile gateway could make): each counted once
    const [x, y] = [key('x'), key('y')];
    const sx = await session(db, x, y, 0, 1, { tokenUsage: usage(1, 0) });
    await session(db, y, x, 0, 1, { tokenUsage: usage(2, 0) });
    const cyc = (await getSessionTreeTotals(db, [sx.id])).get(sx.id)!;
    assert.deepEqual([cyc.subtree.subAgents, cyc.subtree.total], [1, 3]);

    // a chain deeper than the cap: the figures cover the first levels and say so
    const chain = Array.from({ length: TREE_TOTALS_MAX_DEPTH + 3 }, (_, i) => key(`chain${i}`));
    let top;
    for (const [i, k] of chain.entries()) {
      const row = await session(db, k, i ? chain[i - 1]! : null, i, i + 1, { tokenUsage: usage(1, 0) });
      top ??= row;
    }
    const deep = (await getSessionTreeTotals(db, [top!.id])).get(top!.id)!;
    assert.deepEqual(
      [deep.subtree.subAgents, deep.subtree.total, deep.subtree.truncated],
      [TREE_TOTALS_MAX_DEPTH, TREE_TOTALS_MAX_DEPTH + 1, true],
    );
  });

  test('usage that is not a number counts as nothing', async () => {
    const { db } = get();
    const root = await session(db, key('odd'), null, 0, 1, {
      tokenUsage: { input: 'many', output: 3 } as unknown as AgentSessionInput['tokenUsage'],
    });
    const { own } = (await getSessionTreeTotals(db, [root.id])).get(root.id)!;
    assert.deepEqual([own.input, own.output, own.total], [0, 3, 3]);
  });
});
