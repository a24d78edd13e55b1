// Budgets: which sessions passed the budget of their job or agent, or today's, and each breach acted on once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver, spendingSession as session, testCronJob } from './kit/testing';
import {
  deleteBudget,
  findDayBreach,
  findSessionBreaches,
  listBudgets,
  recordBudgetBreach,
  upsertBudget,
} from '../src/index';

describeEachDriver('budgets', (get) => {
  test('one budget per scope and target: setting it again replaces it', async () => {
    const { db } = get();
    const a = await upsertBudget(db, {
      scope: 'agent',
      target: 'replace-me',
      maxTokens: 100,
      maxCostUsd: null,
      action: 'warn',
    });
    const b = await upsertBudget(db, {
      scope: 'agent',
      target: 'replace-me',
      maxTokens: null,
      maxCostUsd: 0.5,
      action: 'abort',
    });
    assert.equal(b.id, a.id);
    assert.equal(b.max_tokens, null);
    assert.equal(b.max_cost_usd, 0.5);
    assert.equal(b.action, 'abort');
    assert.deepEqual(
      (await listBudgets(db, { scope: 'agent', target: 'replace-me' })).map((x) => x.id),
      [a.id],
    );
    assert.ok(await deleteBudget(db, a.id));
    assert.equal(await deleteBudget(db, a.id), false);
  });

  test('a session over its agent or job budget is a breach once; under it, or of another agent, is not', async () => {
    const { db } = get();
    const agent = `agent-${randomUUID().slice(0, 6)}`;
    const job = await testCronJob(db, { name: 'Budgeted job' });
    const byAgent = await upsertBudget(db, {
      scope: 'agent',
      target: agent,
      maxTokens: 1000,
      maxCostUsd: null,
      action: 'abort',
    });
    const byJob = await upsertBudget(db, {
      scope: 'job',
      target: job.id,
      maxTokens: null,
      maxCostUsd: 0.01,
      action: 'warn',
    });
    const over = await session(db, { agentId: agent, total: 1001 });
    await session(db, { agentId: agent, total: 1000 });
    await session(db, { agentId: `${agent}-other`, total: 5000 });
    const jobRun = await session(db, {
      agentId: `${agent}-cron`,
      total: 10,
      cost: 0.02,
      status: 'completed',
      cronJobId: job.id,
    });

    const mine = (await findSessionBreaches(db)).filter((b) => b.budget.id === byAgent.id || b.budget.id === byJob.id);
    assert.deepEqual(
      mine.map((b) => [b.budget.scope, b.sessionId, b.running]).sort(),
      [
        ['agent', over.id, true],
        ['job', jobRun.id, false],
      ].sort(),
    );
    const jobBreach = mine.find((b) => b.budget.scope === 'job')!;
    assert.equal(jobBreach.cronJobId, job.id);
    assert.equal(jobBreach.costUsd, 0.02);

    const breach = { budgetId: byAgent.id, sessionId: over.id, tokens: 1001, costUsd: null, action: 'abort' } as const;
    assert.equal(await recordBudgetBreach(db, breach), true);
    assert.equal(await recordBudgetBreach(db, breach), false, 'acted on once');
    assert.ok(
      !(await findSessionBreaches(db)).some((b) => b.budget.id === byAgent.id),
      'a recorded breach is not found again',
    );
  });

  test("today's spending over the daily budget is one breach per day", async () => {
    const { db } = get();
    await db.query(`delete from budgets where scope = 'day'`);
    await session(db, { agentId: 'daily', total: 50 });
    const [{ tokens }] = (await db.query<{ tokens: number }>(
      `select coalesce(sum((token_usage->>'total')::float8), 0)::float8 as tokens from agent_sessions where started_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'`,
    )) as [{ tokens: number }];
    const day = await upsertBudget(db, {
      scope: 'day',
      target: '',
      maxTokens: Math.max(1, Math.floor(tokens) - 1),
      maxCostUsd: null,
      action: 'warn',
    });
    const breach = await findDayBreach(db);
    assert.equal(breach?.budget.id, day.id);
    assert.equal(breach?.tokens, tokens);
    assert.ok(await recordBudgetBreach(db, { budgetId: day.id, day: true, tokens, costUsd: 0, action: 'warn' }));
    assert.equal(await findDayBreach(db), null);
    await deleteBudget(db, day.id);
    await upsertBudget(db, {
      scope: 'day',
      target: '',
      maxTokens: Math.floor(tokens) + 1_000_000,
      maxCostUsd: null,
      action: 'warn',
    });
    assert.equal(await findDayBreach(db), null, 'under the budget');
  });
});
