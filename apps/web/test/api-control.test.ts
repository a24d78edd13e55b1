// Acting and accountability through the API (both drivers, a real bridge on the gateway simulator): editing a
// job, the activity log (who, what, outcome, why not), budgets, and actions that fail saying why in words.
import './short-claim-timeout';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { getCommand, upsertGtmOutputFromFile } from '@agent-studio/database';
import * as jobRoute from '@/app/api/cron/jobs/[id]/route';
import * as activityRoute from '@/app/api/activity/route';
import * as budgetsRoute from '@/app/api/budgets/route';
import * as budgetRoute from '@/app/api/budgets/[id]/route';
import * as gtmRoute from '@/app/api/gtm/outputs/[id]/route';
import * as triggerRoute from '@/app/api/cron/jobs/[id]/trigger/route';
import * as spawnRoute from '@/app/api/agents/swarm/spawn/route';
import * as sessionsRoute from '@/app/api/agents/sessions/route';
import * as runsRoute from '@/app/api/cron/jobs/[id]/runs/route';
import { apiToken } from './credentials';
import { call, mirroredJob, until, useStudio } from './fixture';

describeEachDriver('control API', (get) => {
  const studio = useStudio(get);
  let jobId: string;
  const bearer = `studio_${randomBytes(16).toString('hex')}`;
  const asToken = { authorization: `Bearer ${bearer}` };

  before(async () => {
    const { db } = studio();
    await apiToken(db, { name: 'deploy-bot', scopes: ['read', 'control'], secret: bearer });
    jobId = (await mirroredJob(studio(), 'Weekly report', 'write the report')).row.id;
  });

  test('PATCH /api/cron/jobs/:id edits schedule, time zone and message through the gateway, recorded with the token’s name', async () => {
    const res = await call(jobRoute.PATCH, 'PATCH', '/x', {
      params: { id: jobId },
      headers: asToken,
      body: {
        schedule: { kind: 'cron', expr: '0 9 * * 1-5' },
        timezone: 'Europe/Paris',
        message: 'write the weekly report',
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.status, 'succeeded');
    const job = await until('the edit mirrored', async () => {
      const j = (await call(jobRoute.GET, 'GET', '/x', { params: { id: jobId } })).json;
      return j.job.schedule === '0 9 * * 1-5' && j;
    });
    assert.equal(job.job.timezone, 'Europe/Paris');
    assert.equal(job.job.command, 'write the weekly report');
    assert.equal(job.nextRuns.length, 5);
    for (const at of job.nextRuns)
      assert.equal(
        new Date(at).toLocaleString('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
        '09:00',
      );
    const entry = (await call(activityRoute.GET, 'GET', '/api/activity?action=cron.update')).json.entries.find(
      (e: { commandId: string }) => e.commandId === res.json.commandId,
    );
    assert.deepEqual(entry.actor, { kind: 'token', name: 'deploy-bot' });
    assert.deepEqual(entry.target, { kind: 'cron_job', id: jobId, label: 'Weekly report' });
    assert.equal(entry.outcome, 'succeeded');
    assert.equal(entry.error, null);
    assert.equal(entry.ranBy, 'api-test', 'the bridge that ran it');
  });

  test('a schedule OpenClaw would refuse is a 400 naming the field, before anything is queued', async () => {
    const cases = [
      { body: { schedule: { kind: 'cron', expr: '61 * * * *' } }, field: 'schedule', message: /cron expression/i },
      {
        body: { schedule: { kind: 'cron', expr: '0 9 * * *' }, timezone: 'Mars/Olympus' },
        field: 'timezone',
        message: /not a time zone/,
      },
      { body: { schedule: { kind: 'at', at: '2001-01-01T00:00:00Z' } }, field: 'schedule', message: /already passed/ },
      { body: { schedule: { kind: 'every', everyMs: 5000 } }, field: 'schedule', message: /once a minute/ },
      { body: { enabled: false, message: 'x' }, field: 'enabled', message: /separately/ },
      { body: {}, field: 'body', message: /nothing to change/ },
    ];
    const before = (await call(activityRoute.GET, 'GET', '/api/activity?limit=200')).json.entries.length;
    for (const c of cases) {
      const res = await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: c.body });
      assert.equal(res.status, 400, JSON.stringify(c));
      assert.equal(res.json.error.details.issues[0].field, c.field, JSON.stringify(res.json));
      assert.match(res.json.error.message, c.message);
    }
    assert.equal(
      (await call(activityRoute.GET, 'GET', '/api/activity?limit=200')).json.entries.length,
      before,
      'a malformed request is not an action',
    );
  });

  test('GET /api/activity filters by kind and outcome and pages by cursor; a content change is recorded with its outcome', async () => {
    const { db, gtmDir } = studio();
    const { row } = await db.transaction((tx) =>
      upsertGtmOutputFromFile(tx, {
        sourceFilePath: `${gtmDir}/blog/launch.md`,
        fileHash: 'h1',
        title: 'Launch post',
        contentType: 'blog_post',
        tags: [],
        priority: 0,
        contentMd: '# hi',
        contentHtml: '<h1>hi</h1>',
      }),
    );
    const moved = await call(gtmRoute.PATCH, 'PATCH', '/x', {
      params: { id: row.id },
      body: { status: 'pending_review' },
    });
    assert.equal(moved.status, 200);
    const refused = await call(gtmRoute.PATCH, 'PATCH', '/x', {
      params: { id: row.id },
      body: { status: 'published' },
    });
    assert.equal(refused.status, 409);
    const content = (await call(activityRoute.GET, 'GET', '/api/activity?action=gtm')).json.entries;
    assert.deepEqual(
      content
        .slice(0, 2)
        .map((e: { action: string; outcome: string; detail: { to: string } }) => [e.action, e.detail.to, e.outcome]),
      [
        ['gtm.status', 'published', 'failed'],
        ['gtm.status', 'pending_review', 'succeeded'],
      ],
    );
    assert.equal(content[0].error, refused.json.error.message);
    assert.deepEqual(content[1].actor, { kind: 'owner', name: 'owner' });

    const failed = (await call(activityRoute.GET, 'GET', '/api/activity?outcome=failed')).json.entries;
    assert.ok(failed.length >= 1 && failed.every((e: { outcome: string }) => e.outcome === 'failed'));

    const all = (await call(activityRoute.GET, 'GET', '/api/activity?limit=200')).json.entries.map(
      (e: { id: string }) => e.id,
    );
    const first = await call(activityRoute.GET, 'GET', '/api/activity?limit=2');
    const second = await call(activityRoute.GET, 'GET', `/api/activity?limit=2&cursor=${first.json.nextCursor}`);
    assert.deepEqual(
      [...first.json.entries, ...second.json.entries].map((e: { id: string }) => e.id),
      all.slice(0, 4),
    );
    assert.equal((await call(activityRoute.GET, 'GET', '/api/activity?cursor=nonsense')).status, 400);
    assert.equal((await call(activityRoute.GET, 'GET', '/api/activity?outcome=maybe')).status, 400);
  });

  test('a cursor holding a date Postgres cannot take is a 400 naming cursor on every paged list', async () => {
    for (const at of ['+275760-09-13T00:00:00.000Z', '99999']) {
      const cursor = Buffer.from(`${at}|00000000-0000-4000-8000-000000000000`).toString('base64url');
      const answers = [
        await call(activityRoute.GET, 'GET', `/api/activity?cursor=${cursor}`),
        await call(sessionsRoute.GET, 'GET', `/api/agents/sessions?cursor=${cursor}`),
        await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?cursor=${cursor}`, { params: { id: jobId } }),
      ];
      for (const res of answers) {
        assert.equal(res.status, 400, `${at}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.details.issues[0].field, 'cursor');
      }
    }
  });

  test('budgets: set, replace, list, remove; a malformed one is a 400 and a job budget needs the job', async () => {
    const set = await call(budgetsRoute.POST, 'POST', '/api/budgets', {
      body: { scope: 'job', target: jobId, maxTokens: 5000, action: 'warn' },
    });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.deepEqual(
      { ...set.json.budget, id: undefined, updatedAt: undefined },
      {
        id: undefined,
        updatedAt: undefined,
        scope: 'job',
        target: jobId,
        gateway: null,
        maxTokens: 5000,
        maxCostUsd: null,
        action: 'warn',
      },
    );
    const again = await call(budgetsRoute.POST, 'POST', '/api/budgets', {
      body: { scope: 'job', target: jobId, maxCostUsd: 0.25 },
    });
    assert.equal(again.json.budget.id, set.json.budget.id, 'one budget per job');
    assert.equal(again.json.budget.maxTokens, null);
    assert.equal(again.json.budget.action, 'abort');
    const day = await call(budgetsRoute.POST, 'POST', '/api/budgets', { body: { scope: 'day', maxTokens: 1_000_000 } });
    assert.equal(day.status, 200);
    const listed = (await call(budgetsRoute.GET, 'GET', '/api/budgets')).json.budgets
      .map((b: { scope: string }) => b.scope)
      .sort();
    assert.deepEqual(listed, ['day', 'job']);
    assert.deepEqual(
      (await call(budgetsRoute.GET, 'GET', '/api/budgets?scope=day')).json.budgets.map((b: { id: string }) => b.id),
      [day.json.budget.id],
    );

    for (const body of [
      { scope: 'job', target: jobId },
      { scope: 'day', target: 'x', maxTokens: 5 },
      { scope: 'agent', maxTokens: 5 },
      { scope: 'agent', target: 'main', maxTokens: -1 },
    ]) {
      assert.equal((await call(budgetsRoute.POST, 'POST', '/api/budgets', { body })).status, 400, JSON.stringify(body));
    }
    assert.equal(
      (
        await call(budgetsRoute.POST, 'POST', '/api/budgets', {
          body: { scope: 'job', target: '00000000-0000-4000-8000-000000000000', maxTokens: 5 },
        })
      ).status,
      404,
    );

    assert.equal((await call(budgetRoute.DELETE, 'DELETE', '/x', { params: { id: day.json.budget.id } })).status, 200);
    assert.equal((await call(budgetRoute.DELETE, 'DELETE', '/x', { params: { id: day.json.budget.id } })).status, 404);
    const recorded = (await call(activityRoute.GET, 'GET', '/api/activity?action=budget')).json.entries.map(
      (e: { action: string; target: { label: string } }) => [e.action, e.target.label],
    );
    assert.deepEqual(recorded.slice(0, 4), [
      ['budget.delete', 'day budget'],
      ['budget.set', 'daily budget'],
      ['budget.set', 'Weekly report'],
      ['budget.set', 'Weekly report'],
    ]);
    await call(budgetRoute.DELETE, 'DELETE', '/x', { params: { id: set.json.budget.id } });
  });

  test('with the gateway gone a failed action says it is unreachable; with the bridge stopped, that the bridge is not running', async () => {
    const { sim: gateway, bridge } = studio();
    await gateway.stop();
    const unreachable = await call(triggerRoute.POST, 'POST', '/x', { params: { id: jobId } });
    assert.equal(unreachable.status, 409);
    assert.match(unreachable.json.error.message, /gateway is unreachable/);
    await bridge.stop();
    const started = Date.now();
    const down = await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: { enabled: false } });
    assert.equal(down.status, 409);
    assert.equal(
      down.json.error.message,
      "The studio's bridge did not pick this up within 2 s: it is not running (start the studio, or `agent-studio bridge` next to OpenClaw).",
    );
    assert.ok(Date.now() - started >= 1500);
    // an action that answers at once (202) fails a little later, and says so all the same
    const spawn = await call(spawnRoute.POST, 'POST', '/api/agents/swarm/spawn', {
      body: { task: 'never started', agents: ['a'] },
    });
    assert.equal(spawn.status, 202);
    assert.equal(spawn.json.status, 'queued');
    const expired = await until('the unclaimed swarm failed', async () => {
      const c = await getCommand(studio().db, spawn.json.commandId);
      return c?.status === 'failed' && c;
    });
    assert.equal(expired.error, down.json.error.message);
    const entries = (await call(activityRoute.GET, 'GET', '/api/activity?outcome=failed&action=cron')).json.entries;
    assert.deepEqual(
      entries
        .slice(0, 2)
        .map((e: { action: string; error: string; ranBy: string | null }) => [e.action, e.error, e.ranBy]),
      [
        // no bridge took it
        ['cron.setEnabled', down.json.error.message, null],
        // the bridge took it and found the gateway gone
        ['cron.run', unreachable.json.error.message, 'api-test'],
      ],
    );
  });
});
