// spawnSwarm: queued at once for the bridge, which starts the swarm in the gateway.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCommand } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { spawnSwarm } from '@/server/actions/swarm-spawn';
import { refusal, until, useActions } from './setup';

describeEachDriver('swarm-spawn', (get) => {
  const { studio, owner } = useActions(get);

  test('queues the swarm and the bridge starts it; a swarm without agents is refused', async () => {
    const command = await spawnSwarm(await owner(), { task: 'research the market', agents: ['researcher'] });
    const done = await until('bridge ran it', async () => {
      const c = await getCommand(studio().db, command.id);
      return c?.status === 'succeeded' && c;
    });
    assert.equal(done.kind, 'swarm.spawn');
    const err = await refusal(spawnSwarm(await owner(), { task: 'x', agents: [] }), 'invalid_request');
    assert.match(err.message, /agents: name at least one agent/);
  });
});
