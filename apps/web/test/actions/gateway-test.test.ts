// testGateway: the bridge's connection test, answered in one call.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { testGateway } from '@/server/actions/gateway-test';
import { useActions } from './setup';

describeEachDriver('gateway-test', (get) => {
  const { owner } = useActions(get);

  test('diagnoses the simulator’s gateway as reachable', async () => {
    const answer = await testGateway(await owner());
    assert.equal(answer.error, null);
    assert.equal(answer.diagnosis?.failed, null, JSON.stringify(answer));
    assert.equal(answer.diagnosis?.bridgeConnected, true);
  });
});
