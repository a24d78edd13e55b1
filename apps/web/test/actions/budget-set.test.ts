// setBudget: one budget per job, agent or day, recorded; a job budget names a job that exists.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { ensureHostCronJob } from '@agent-studio/database';
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
});
