// The alert rule kinds (issue 19), each against real rows on both drivers: what it reports open, and that it
// stops reporting it once the condition ends (or its window passes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertRuleByKind } from '../src/alerts/rules';
import { describeEachDriver } from './kit/testing';
import { setCheckpoint } from '../src/queries/checkpoints';
import { createGateway } from '../src/queries/gateways';
import { createAlertChannel } from '../src/queries/alert-channels';
import {
  deleteOldAlerts,
  enqueueTestAlert,
  openAlertIncident,
  resolveAlertIncident,
} from '../src/queries/alert-incidents';
import type { Db } from '../src/db';

const MIN = 60_000;
let n = 0;

async function job(db: Db, name: string): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into cron_jobs (name, schedule, command, external_id) values ($1, '0 8 * * *', 'x', $2) returning id`,
    [name, `rule-job-${++n}`],
  );
  return row!.id;
}
async function run(
  db: Db,
  jobId: string,
  at: Date,
  status: string,
  extra: { error?: string; suspicious?: string } = {},
) {
  await db.query(
    `insert into cron_runs (job_id, external_id, started_at, finished_at, status, error, suspicious_reason)
     values ($1, $2, $3, $3, $4, $5, $6)`,
    [jobId, `rule-run-${++n}`, at, status, extra.error ?? null, extra.suspicious ?? null],
  );
}
const open = async (db: Db, kind: string, params: object = {}, now = new Date()) => {
  const rule = alertRuleByKind(kind)!;
  return rule.findOpen(db, rule.params.parse(params), now);
};

describeEachDriver('alert rules', (get) => {
  test('job_failed: a job whose latest run failed or timed out, until it succeeds; old failures are left out', async () => {
    const { db } = get();
    const now = Date.now();
    const a = await job(db, 'Failing');
    const b = await job(db, 'Timing out');
    const c = await job(db, 'Long ago');
    await run(db, a, new Date(now - 5 * MIN), 'completed');
    await run(db, a, new Date(now - 2 * MIN), 'failed', { error: 'model refused' });
    await run(db, b, new Date(now - 2 * MIN), 'timeout');
    await run(db, c, new Date(now - 48 * 60 * MIN), 'failed');
    const found = await open(db, 'job_failed');
    assert.deepEqual(
      found.map((i) => [i.title, i.detail]),
      [
        ['Failing', 'model refused'],
        ['Timing out', 'Timed out.'],
      ],
    );
    assert.equal(alertRuleByKind('job_failed')!.summary(found), '2 jobs failed');
    await run(db, a, new Date(now - MIN), 'completed');
    await run(db, b, new Date(now - MIN), 'cancelled'); // a cancelled run says nothing either way
    assert.deepEqual(
      (await open(db, 'job_failed')).map((i) => i.title),
      ['Timing out'],
    );
  });

  test('run_missed and run_empty: the watchdog’s findings, until the job runs (well) again', async () => {
    const { db } = get();
    const now = Date.now();
    const missed = await job(db, 'Missed');
    await db.query('insert into cron_missed_runs (job_id, expected_at) values ($1, $2)', [
      missed,
      new Date(now - 20 * MIN),
    ]);
    assert.deepEqual(
      (await open(db, 'run_missed')).map((i) => i.title),
      ['Missed'],
    );
    await run(db, missed, new Date(now - MIN), 'completed');
    assert.deepEqual(await open(db, 'run_missed'), []);

    const empty = await job(db, 'Empty');
    await run(db, empty, new Date(now - 2 * MIN), 'completed', { suspicious: 'no output file' });
    const [item] = await open(db, 'run_empty');
    assert.equal(item?.detail, 'no output file');
    await run(db, empty, new Date(now - MIN), 'completed');
    assert.deepEqual(await open(db, 'run_empty'), []);
  });

  test('budget_passed and agent_errored: open for their window after it happened', async () => {
    const { db } = get();
    const now = new Date();
    const [budget] = await db.query<{ id: string }>(
      `insert into budgets (scope, target, max_tokens) values ('day', '', 1000) returning id`,
    );
    await db.query(
      `insert into budget_breaches (budget_id, day, tokens, action, created_at) values ($1, $2, 1500, 'warn', $3)`,
      [budget!.id, now.toISOString().slice(0, 10), new Date(now.getTime() - 10 * MIN)],
    );
    const [breach] = await open(db, 'budget_passed', {}, now);
    assert.equal(breach?.title, 'the daily budget');
    assert.match(breach!.detail, /1,500 tokens; warned only/);
    assert.deepEqual(await open(db, 'budget_passed', { windowMinutes: 5 }, now), []);

    await db.query(
      `insert into agent_sessions (agent_name, agent_type, session_key, status, progress_message, completed_at)
       values ('writer', 'agent', 'agent:writer:main', 'error', 'tool crashed', $1)`,
      [new Date(now.getTime() - 3 * MIN)],
    );
    const [errored] = await open(db, 'agent_errored', {}, now);
    assert.equal(errored?.title, 'writer');
    assert.equal(errored?.detail, 'tool crashed');
    assert.deepEqual(await open(db, 'agent_errored', { windowMinutes: 2 }, now), []);
  });

  test('gateway_unreachable: only after its delay, with when it opens; content_review: while content waits', async () => {
    const { db } = get();
    const now = new Date();
    const since = new Date(now.getTime() - 3 * MIN);
    await setCheckpoint(db, 'gateway', 'status', { connected: false, since: since.toISOString(), version: null });
    const rule = alertRuleByKind('gateway_unreachable')!;
    assert.deepEqual(await open(db, 'gateway_unreachable', { delayMinutes: 5 }, now), []);
    assert.equal(
      (await rule.opensAt!(db, rule.params.parse({ delayMinutes: 5 }), now))?.getTime(),
      since.getTime() + 5 * MIN,
    );
    assert.equal((await open(db, 'gateway_unreachable', { delayMinutes: 2 }, now)).length, 1);
    await setCheckpoint(db, 'gateway', 'status', { connected: true, since: now.toISOString(), version: '1' });
    assert.deepEqual(await open(db, 'gateway_unreachable', { delayMinutes: 0 }, now), []);

    await db.query(
      `insert into gtm_outputs (title, content_type, status) values ('Launch post', 'blog_post', 'pending_review')`,
    );
    const [waiting] = await open(db, 'content_review');
    assert.equal(waiting?.title, 'Launch post');
    assert.equal(waiting?.detail, 'A blog post waits for review.');
    await db.query(`update gtm_outputs set status = 'approved'`);
    assert.deepEqual(await open(db, 'content_review'), []);
  });

  test('gateway_unreachable in a fleet: each gateway judged on its own status, named in its item', async () => {
    const { db } = get();
    const now = new Date();
    const vps = await createGateway(db, 'vps');
    const away = (min: number) => ({ connected: false, since: new Date(now.getTime() - min * MIN).toISOString() });
    await setCheckpoint(db, 'gateway', 'status', { connected: true, since: now.toISOString(), version: '1' });
    await setCheckpoint(db, 'gateway', 'status', { ...away(10), error: 'connect ECONNREFUSED' }, vps.id);
    const rule = alertRuleByKind('gateway_unreachable')!;
    const [item, ...more] = await open(db, 'gateway_unreachable', { delayMinutes: 5 }, now);
    assert.deepEqual(more, [], 'the default gateway is connected');
    assert.equal(item?.key, `gateway:${vps.id}`);
    assert.equal(rule.summary([item!]), 'OpenClaw gateway vps unreachable');
    assert.match(item!.detail, /ECONNREFUSED/);

    // both away: one item each, the default keeping the key it had before there were several gateways
    await setCheckpoint(db, 'gateway', 'status', away(3));
    assert.equal(
      (await open(db, 'gateway_unreachable', { delayMinutes: 5 }, now)).length,
      1,
      'the default: 3 of 5 min',
    );
    const both = await open(db, 'gateway_unreachable', { delayMinutes: 2 }, now);
    assert.deepEqual(both.map((i) => i.key).sort(), ['gateway', `gateway:${vps.id}`]);
    assert.equal(rule.summary(both), '2 OpenClaw gateways unreachable');
    assert.equal(
      (await rule.opensAt!(db, rule.params.parse({ delayMinutes: 20 }), now))?.getTime(),
      now.getTime() - 10 * MIN + 20 * MIN,
      'the gateway away longest opens first',
    );
  });

  test('retention: incidents resolved, and tests sent, before the cut-off are removed; open ones stay', async () => {
    const { db } = get();
    const channel = await createAlertChannel(db, {
      name: 'b',
      kind: 'browser',
      config: {},
      secretSealed: null,
      secretHint: null,
    });
    const old = await openAlertIncident(db, 'job_failed', 'old', []);
    await resolveAlertIncident(db, old);
    const current = await openAlertIncident(db, 'run_missed', 'current', []);
    await enqueueTestAlert(db, channel.id);
    const future = new Date(Date.now() + MIN);
    assert.equal(await deleteOldAlerts(db, new Date(Date.now() - MIN)), 0, 'nothing that recent');
    assert.equal(await deleteOldAlerts(db, future), 2);
    const left = await db.query<{ id: string }>('select id from alert_incidents where id = any($1::uuid[])', [
      [old.id, current.id],
    ]);
    assert.deepEqual(
      left.map((r) => r.id),
      [current.id],
    );
  });
});
