// removeBudget: deleted and recorded; an unknown budget is not_found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { createGateway, getBudget } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { removeBudget } from '@/server/actions/budget-delete';
import { setBudget } from '@/server/actions/budget-set';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('budget-delete', (get) => {
  const { studio, owner } = useActions(get);

  test('deletes the budget once; a second time it is not found', async () => {
    const budget = await setBudget(await owner(), { scope: 'agent', target: 'writer', maxTokens: 10 });
    await removeBudget(await owner(), budget.id);
    assert.equal(await getBudget(studio().db, budget.id), null);
    assert.deepEqual((await lastActivity(studio().db, 'budget.delete'))?.target_label, 'agent budget');
    await refusal(removeBudget(await owner(), budget.id), 'not_found');
  });

  test('a gateway’s budget removed is in that gateway’s audit log', async () => {
    const office = await createGateway(studio().db, `office-${randomUUID().slice(0, 6)}`);
    const budget = await setBudget(await owner(), { scope: 'day', gateway: office.name, maxTokens: 10 });
    await removeBudget(await owner(), budget.id);
    assert.equal((await lastActivity(studio().db, 'budget.delete'))?.gateway_id, office.id);
  });
});
