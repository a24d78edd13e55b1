// setBudget: one budget per job, agent or day (an agent's and the day's per gateway or for the fleet), recorded;
// a job budget names a job that exists.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createGateway, ensureHostCronJob } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { setBudget } from '@/server/actions/budget-set';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('budget-set', (get) => {
  const { studio, owner } = useActions(get);

  test('sets a job’s budget under the job’s name; setting it again replaces it', async () => {
    const job = await studio().db.transaction((tx) => ensureHostCronJob(tx, 'nightly', '/bin/true'));
    const first = await setBudget(await owner(), { scope: 'job', target: job.id, maxTokens: 1000 });
    const second = await setBudget(await owner(), { scope: 'job', target: job.id, maxCostUsd: 2 });
    assert.equal(second.id, first.id);
    assert.equal(second.max_tokens, null);
    const entry = await lastActivity(studio().db, 'budget.set');
    assert.deepEqual([entry?.outcome, entry?.target_label], ['succeeded', 'nightly']);
  });

  test('an unknown job and a budget without a limit are refused', async () => {
    await refusal(setBudget(await owner(), { scope: 'job', target: randomUUID(), maxTokens: 5 }), 'not_found');
    await refusal(setBudget(await owner(), { scope: 'day' }), 'invalid_request');
  });

  test('a daily budget for one gateway (by name) is apart from the fleet’s; an unknown gateway, or one on a job, refused', async () => {
    const office = await createGateway(studio().db, `office-${randomUUID().slice(0, 6)}`);
    const fleet = await setBudget(await owner(), { scope: 'day', maxTokens: 1000 });
    const own = await setBudget(await owner(), { scope: 'day', gateway: office.name, maxTokens: 10 });
    assert.notEqual(own.id, fleet.id);
    assert.deepEqual([fleet.gateway_id, own.gateway_id], [null, office.id]);
    assert.equal((await setBudget(await owner(), { scope: 'day', gateway: office.id, maxTokens: 20 })).id, own.id);
    const entry = await lastActivity(studio().db, 'budget.set');
    assert.equal(entry?.target_label, `daily budget on gateway ${office.name}`);
    assert.equal(entry?.gateway_id, office.id, 'in the gateway’s audit log');
    await setBudget(await owner(), { scope: 'day', maxTokens: 2000 });
    assert.equal((await lastActivity(studio().db, 'budget.set'))?.gateway_id, null, 'the fleet’s: the studio’s own');
    await refusal(setBudget(await owner(), { scope: 'day', gateway: 'nowhere', maxTokens: 5 }), 'invalid_request');
    const job = await studio().db.transaction((tx) => ensureHostCronJob(tx, 'weekly', '/bin/true'));
    await refusal(
      setBudget(await owner(), { scope: 'job', target: job.id, gateway: office.name, maxTokens: 5 }),
      'invalid_request',
    );
  });
});
