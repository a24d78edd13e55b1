// The session list (read after runs finish and on every reconcile): what changed is written in one
// transaction; a row the database refuses is skipped alone, and listed again next time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getAgentSessionByKey } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import type { GatewayCalls } from '../src/commands/context';
import { GatewayMirror } from '../src/mirror/mirror';

describeEachDriver('mirror: the session list', (get) => {
  test('changed sessions land together; one the database refuses is skipped and tried again', async () => {
    const { db } = get();
    const warnings: string[] = [];
    const mirror = new GatewayMirror(db, { info() {}, warn: (m) => warnings.push(m), error() {} });
    const at = Date.now();
    const sessions = [
      { key: 'agent:main:one', label: 'one', createdAt: at, updatedAt: at },
      { key: 'agent:main:nul', label: 'a NUL \u0000 Postgres cannot store', createdAt: at, updatedAt: at },
      { key: 'agent:main:two', label: 'two', createdAt: at, updatedAt: at },
    ];
    const gw: GatewayCalls = { supports: () => true, request: async <T>() => ({ sessions }) as T };

    assert.equal((await mirror.reconcileSessions(gw)).listed, 3);
    assert.equal((await getAgentSessionByKey(db, 'agent:main:one'))?.agent_name, 'one');
    assert.equal((await getAgentSessionByKey(db, 'agent:main:two'))?.agent_name, 'two');
    assert.equal(await getAgentSessionByKey(db, 'agent:main:nul'), null);
    assert.ok(
      warnings.some((w) => w.includes('agent:main:nul')),
      warnings.join(' | '),
    );

    // unchanged rows are not written again; the refused one is
    assert.deepEqual(
      (await mirror.listSessions(gw)).changed.map((s) => s.key),
      ['agent:main:nul'],
    );
    // alone in a step, it is still only skipped: the reconcile goes on
    warnings.length = 0;
    assert.equal((await mirror.reconcileSessions(gw)).listed, 3);
    assert.ok(
      warnings.some((w) => w.includes('agent:main:nul')),
      warnings.join(' | '),
    );
    sessions[0]!.updatedAt = at + 1;
    assert.deepEqual(
      (await mirror.listSessions(gw)).changed.map((s) => s.key),
      ['agent:main:one', 'agent:main:nul'],
    );
  });
});
