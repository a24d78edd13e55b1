// Budgets: which sessions passed the budget of their job or agent, or today's, and each breach acted on once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver, spendingSession as session, testCronJob } from './kit/testing';
import {
  createGateway,
  deleteBudget,
  findDayBreaches,
  findSessionBreaches,
  listBudgets,
  listGateways,
  recordBudgetBreach,
  spentToday,
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
    const [breach, ...more] = await findDayBreaches(db);
    assert.equal(more.length, 0);
    assert.equal(breach?.budget.id, day.id);
    assert.equal(breach?.tokens, tokens);
    assert.ok(await recordBudgetBreach(db, { budgetId: day.id, day: true, tokens, costUsd: 0, action: 'warn' }));
    assert.deepEqual(await findDayBreaches(db), []);
    await deleteBudget(db, day.id);
    await upsertBudget(db, {
      scope: 'day',
      target: '',
      maxTokens: Math.floor(tokens) + 1_000_000,
      maxCostUsd: null,
      action: 'warn',
    });
    assert.deepEqual(await findDayBreaches(db), [], 'under the budget');
  });

  test('budgets per gateway: the fleet’s and each gateway’s of one scope and target are apart', async () => {
    const { db } = get();
    const gw = await createGateway(db, `budget-gw-${randomUUID().slice(0, 6)}`);
    const agent = `agent-${randomUUID().slice(0, 6)}`;
    const set = (gatewayId: string | null, maxTokens: number) =>
      upsertBudget(db, { scope: 'agent', target: agent, gatewayId, maxTokens, maxCostUsd: null, action: 'warn' });
    const fleet = await set(null, 100);
    const one = await set(gw.id, 200);
    assert.notEqual(one.id, fleet.id);
    assert.equal(fleet.gateway_id, null);
    assert.equal(one.gateway_id, gw.id);
    assert.equal((await set(gw.id, 300)).id, one.id, 'the gateway’s replaced');
    assert.equal((await set(null, 400)).id, fleet.id, 'the fleet’s replaced');
    assert.deepEqual(
      (await listBudgets(db, { scope: 'agent', target: agent })).map((b) => [b.gateway_id, b.max_tokens]),
      [
        [null, 400],
        [gw.id, 300],
      ],
    );
    const job = await testCronJob(db, { name: 'Job on its gateway' });
    await assert.rejects(
      upsertBudget(db, {
        scope: 'job',
        target: job.id,
        gatewayId: gw.id,
        maxTokens: 1,
        maxCostUsd: null,
        action: 'warn',
      }),
      /budgets_job_has_no_gateway/,
      'a job budget names no gateway: its job is on one',
    );
  });

  test('an agent budget of one gateway counts that gateway’s sessions only; the fleet’s counts every one', async () => {
    const { db } = get();
    const [home, far] = [
      await createGateway(db, `home-${randomUUID().slice(0, 6)}`),
      await createGateway(db, `far-${randomUUID().slice(0, 6)}`),
    ];
    const agent = `agent-${randomUUID().slice(0, 6)}`;
    const budget = (gatewayId: string | null) =>
      upsertBudget(db, {
        scope: 'agent',
        target: agent,
        gatewayId,
        maxTokens: 1000,
        maxCostUsd: null,
        action: 'abort',
      });
    const [onHome, onFleet] = [await budget(home.id), await budget(null)];
    const atHome = await session(db, { agentId: agent, total: 1001, gatewayId: home.id });
    const farAway = await session(db, { agentId: agent, total: 5000, gatewayId: far.id });
    await session(db, { agentId: agent, total: 999, gatewayId: home.id });
    const mine = (await findSessionBreaches(db)).filter((b) => b.budget.target === agent);
    assert.deepEqual(
      mine.map((b) => [b.budget.id, b.budget.gateway_id, b.sessionId, b.gatewayId]).sort(),
      [
        [onHome.id, home.id, atHome.id, home.id],
        [onFleet.id, null, atHome.id, home.id],
        [onFleet.id, null, farAway.id, far.id],
      ].sort(),
    );
  });

  test('a daily budget of one gateway is judged by that gateway’s spending today; the fleet’s by all of it', async () => {
    const { db } = get();
    await db.query(`delete from budgets where scope = 'day'`);
    const [home, far] = [
      await createGateway(db, `home-${randomUUID().slice(0, 6)}`),
      await createGateway(db, `far-${randomUUID().slice(0, 6)}`),
    ];
    // costs that add up exactly in binary floating point, so the sums compare equal
    await session(db, { agentId: 'home-a', total: 300, cost: 0.25, gatewayId: home.id });
    await session(db, { agentId: 'home-b', total: 200, cost: 0.5, status: 'completed', gatewayId: home.id });
    await session(db, { agentId: 'far-a', total: 4000, cost: 2, gatewayId: far.id });
    assert.deepEqual(await spentToday(db, home.id), { tokens: 500, costUsd: 0.75 });
    assert.deepEqual(await spentToday(db, far.id), { tokens: 4000, costUsd: 2 });
    const everyGateway = await Promise.all((await listGateways(db)).map((g) => spentToday(db, g.id)));
    const fleet = await spentToday(db);
    assert.equal(
      fleet.tokens,
      everyGateway.reduce((n, s) => n + s.tokens, 0),
      'the fleet’s spending is every gateway’s',
    );
    assert.ok(fleet.tokens >= 4500);

    const day = (gatewayId: string | null, max: { tokens?: number; cost?: number }) =>
      upsertBudget(db, {
        scope: 'day',
        target: '',
        gatewayId,
        maxTokens: max.tokens ?? null,
        maxCostUsd: max.cost ?? null,
        action: 'warn',
      });
    // home's limit lies under far's spending, and far's spending only reaches its own: only home passed its own
    const homeDay = await day(home.id, { cost: 0.7 });
    await day(far.id, { tokens: 4000 });
    const fleetDay = await day(null, { tokens: fleet.tokens - 1 });
    const found = await findDayBreaches(db);
    assert.deepEqual(
      found.map((b) => [b.budget.id, b.tokens, b.costUsd]),
      [
        [fleetDay.id, fleet.tokens, fleet.costUsd],
        [homeDay.id, 500, 0.75],
      ],
    );
    assert.ok(
      await recordBudgetBreach(db, { budgetId: homeDay.id, day: true, tokens: 500, costUsd: 0.75, action: 'warn' }),
    );
    assert.deepEqual(
      (await findDayBreaches(db)).map((b) => b.budget.id),
      [fleetDay.id],
      'home’s breach is recorded for today, the fleet’s is not',
    );
    await session(db, { agentId: 'far-b', total: 1, gatewayId: far.id });
    assert.deepEqual(
      (await findDayBreaches(db)).map((b) => [b.budget.gateway_id, b.tokens]),
      [
        [null, fleet.tokens + 1],
        [far.id, 4001],
      ],
      'far passes its own once its sessions do',
    );
  });
});
