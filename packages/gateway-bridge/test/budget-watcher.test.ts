// The budget watcher acts on what it finds: a running session over an `abort` budget is stopped through the
// gateway (a session.abort command), a job over its budget is paused, today's budget passed stops every running
// session (a gateway's daily budget: that gateway's, by its spending alone); a `warn` budget only says so. Each
// breach once. (The lab test shows an abort reaching a real gateway;
// this one shows each action is queued, without one.)
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createGateway, upsertBudget, type Db } from '@agent-studio/database';
import { describeEachDriver, spendingSession as session, testCronJob } from '@agent-studio/database/testing';
import { BudgetWatcher } from '../src/budgets/budget-watcher';
import { silentLogger as quiet } from '../src/logger';

/** The commands queued for these targets: [kind, session or job, enabled]. */
async function commandsFor(db: Db, ids: readonly string[]) {
  const rows = await db.query<{ kind: string; payload: { sessionId?: string; jobId?: string; enabled?: boolean } }>(
    'select kind, payload from commands order by created_at, id',
  );
  return rows
    .filter((c) => ids.includes(c.payload.sessionId ?? c.payload.jobId ?? ''))
    .map((c) => [c.kind, c.payload.sessionId ?? c.payload.jobId, c.payload.enabled ?? null])
    .sort();
}

describeEachDriver('budget watcher', (get) => {
  test('a running session over its job’s abort budget is aborted and the job paused; over a warn budget, left running; once each', async () => {
    const { db } = get();
    const job = await testCronJob(db, { name: 'Costly job' });
    await upsertBudget(db, { scope: 'job', target: job.id, maxTokens: 1000, maxCostUsd: null, action: 'abort' });
    const warned = `warned-${randomUUID().slice(0, 6)}`;
    await upsertBudget(db, { scope: 'agent', target: warned, maxTokens: 100, maxCostUsd: null, action: 'warn' });
    const run = await session(db, { agentId: `job-${randomUUID().slice(0, 6)}`, total: 1500, cronJobId: job.id });
    const chatty = await session(db, { agentId: warned, total: 200 });

    const watcher = new BudgetWatcher({ db, logger: quiet });
    await watcher.check();
    const expected = [
      ['cron.setEnabled', job.id, false],
      ['session.abort', run.id, null],
    ];
    assert.deepEqual(await commandsFor(db, [job.id, run.id, chatty.id]), expected);
    const [warning] = await db.query<{ outcome: string }>(
      "select outcome from activity where action = 'budget.warn' and target_id = $1",
      [chatty.id],
    );
    assert.equal(warning?.outcome, 'warned');

    await watcher.check();
    assert.deepEqual(await commandsFor(db, [job.id, run.id, chatty.id]), expected, 'each breach is acted on once');
  });

  test("today's spending past an abort daily budget stops every running session, not the finished ones", async () => {
    const { db } = get();
    const agent = `daily-${randomUUID().slice(0, 6)}`;
    const running = [
      await session(db, { agentId: agent, total: 10 }),
      await session(db, { agentId: agent, total: 20 }),
    ];
    const done = await session(db, { agentId: agent, total: 30, status: 'completed' });
    await upsertBudget(db, { scope: 'day', target: '', maxTokens: 1, maxCostUsd: null, action: 'abort' });

    await new BudgetWatcher({ db, logger: quiet }).check();
    assert.deepEqual(
      await commandsFor(db, [...running.map((s) => s.id), done.id]),
      running.map((s) => ['session.abort', s.id, null]).sort(),
    );
  });

  test('a gateway’s daily budget counts only its own spending, and stops only its own sessions', async () => {
    const { db } = get();
    await db.query(`delete from budgets where scope = 'day'`);
    const home = await createGateway(db, `home-${randomUUID().slice(0, 6)}`);
    const far = await createGateway(db, `far-${randomUUID().slice(0, 6)}`);
    const agent = `fleet-${randomUUID().slice(0, 6)}`;
    const farAway = await session(db, { agentId: agent, total: 5000, gatewayId: far.id });
    const atHome = await session(db, { agentId: agent, total: 60, gatewayId: home.id });
    const budget = await upsertBudget(db, {
      scope: 'day',
      target: '',
      gatewayId: home.id,
      maxTokens: 100,
      maxCostUsd: null,
      action: 'abort',
    });
    const watcher = new BudgetWatcher({ db, logger: quiet });
    await watcher.check();
    assert.deepEqual(await commandsFor(db, [farAway.id, atHome.id]), [], 'far’s spending is not home’s');

    const more = await session(db, { agentId: agent, total: 50, gatewayId: home.id });
    await watcher.check();
    const ids = [farAway.id, atHome.id, more.id];
    assert.deepEqual(
      await commandsFor(db, ids),
      [atHome.id, more.id].map((id) => ['session.abort', id, null]).sort(),
      'home’s running sessions stopped, far’s left running',
    );
    const gateways = await db.query<{ gateway_id: string }>(
      "select gateway_id from commands where kind = 'session.abort' and payload->>'sessionId' = any($1)",
      [ids],
    );
    assert.deepEqual(
      gateways.map((c) => c.gateway_id),
      [home.id, home.id],
    );
    const [event] = await db.query<{ payload: { message: string } }>(
      "select payload from events where type = 'budget.exceeded' and payload->>'budgetId' = $1",
      [budget.id],
    );
    assert.match(event!.payload.message, new RegExp(`^Today's spending on gateway “${home.name}” passed`));
  });

  test('the fleet’s daily budget, passed, says it is the fleet’s (a gateway’s may be passed the same day: two budgets)', async () => {
    const { db } = get();
    await db.query(`delete from budgets where scope = 'day'`);
    const home = await createGateway(db, `home-${randomUUID().slice(0, 6)}`);
    await session(db, { agentId: `fleet-${randomUUID().slice(0, 6)}`, total: 500, gatewayId: home.id });
    const budget = await upsertBudget(db, {
      scope: 'day',
      target: '',
      maxTokens: 100,
      maxCostUsd: null,
      action: 'warn',
    });
    await new BudgetWatcher({ db, logger: quiet }).check();
    const [event] = await db.query<{ payload: { message: string } }>(
      "select payload from events where type = 'budget.exceeded' and payload->>'budgetId' = $1",
      [budget.id],
    );
    assert.match(event!.payload.message, /^Today's spending across every gateway passed the daily budget/);
  });

  test('a gateway’s daily budget warning is in that gateway’s audit log', async () => {
    const { db } = get();
    await db.query(`delete from budgets where scope = 'day'`);
    const home = await createGateway(db, `home-${randomUUID().slice(0, 6)}`);
    await session(db, { agentId: `fleet-${randomUUID().slice(0, 6)}`, total: 500, gatewayId: home.id });
    const budget = await upsertBudget(db, {
      scope: 'day',
      target: '',
      gatewayId: home.id,
      maxTokens: 100,
      maxCostUsd: null,
      action: 'warn',
    });
    await new BudgetWatcher({ db, logger: quiet }).check();
    const entries = await db.query<{ gateway_id: string | null }>(
      "select gateway_id from activity where action = 'budget.warn' and target_id = $1",
      [budget.id],
    );
    assert.deepEqual(
      entries.map((e) => e.gateway_id),
      [home.id],
    );
  });
});
