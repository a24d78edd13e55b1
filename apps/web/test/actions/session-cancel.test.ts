// cancelSession: a running session is stopped through the gateway; a finished one is refused and recorded.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getAgentSessionByKey } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { cancelSession } from '@/server/actions/session-cancel';
import { lastActivity, refusal, until, useActions } from './setup';

describeEachDriver('session-cancel', (get) => {
  const { studio, owner } = useActions(get);

  test('stops a running session; then there is nothing to stop', async () => {
    const { sim, db } = studio();
    const key = sim.spawnSwarm('long task', [{ label: 'slow-worker', durationMs: 60_000 }]);
    const session = await until('running', async () => {
      const s = await getAgentSessionByKey(db, key);
      return s?.status === 'running' && s;
    });
    await cancelSession(await owner(), session.id);
    await until('cancelled', async () => (await getAgentSessionByKey(db, key))?.status === 'cancelled');
    const err = await refusal(cancelSession(await owner(), session.id), 'not_running');
    assert.match(err.message, /already finished \(cancelled\)/);
    assert.equal((await lastActivity(db, 'session.abort'))?.outcome, 'failed');
    await refusal(cancelSession(await owner(), randomUUID()), 'not_found');
  });
});
