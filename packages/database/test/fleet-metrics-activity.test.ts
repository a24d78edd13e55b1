// The fleet (issue 18 step 5), migration 0039: system samples, the audit log and the palette's search answer
// for one gateway when asked. Two gateways' samples of one metric in one hour stay apart in the rollups; an
// audit entry belongs to the gateway of what it acted on (its command, job, run, session, content item or
// approval), the studio's own entries (tokens, webhooks, settings) show under every gateway; search finds one
// gateway's jobs and sessions only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '@agent-studio/core';
import { loadMigrations, migrate } from '../src/migrate';
import {
  DEFAULT_GATEWAY_ID,
  createGateway,
  finishCommandActivity,
  insertCommand,
  insertMetrics,
  listActivity,
  listMetricNames,
  metricSeries,
  recordActivity,
  searchJobs,
  searchSessionGroups,
  upsertAgentSession,
  type ActivityTarget,
  type Queryable,
} from '../src/index';
import { describeEachDriver, drivers, testCronJob, testedDrivers } from './kit/testing';

const owner: Actor = { kind: 'owner', id: null, name: 'owner' };
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');

const labels = (rows: { target_label: string | null }[]) => rows.map((r) => r.target_label ?? '').sort();

describeEachDriver('fleet: samples, audit log and search per gateway', (get) => {
  test("two gateways' samples of one metric in one hour: each gateway's series and rollup row, and the studio's", async () => {
    const { db } = get();
    const far = await createGateway(db, 'far');
    // a minute apart, all in the hour 10:00: the studio's own sample (every gateway's figure) and each gateway's
    const samples = (gatewayId: string | undefined, values: number[]) =>
      values.map((value, i) => ({
        type: 'agents',
        name: 'agents.active',
        value,
        at: new Date(T0 + i * 60_000),
        gatewayId,
      }));
    await insertMetrics(db, [
      ...samples(undefined, [5, 7, 9]),
      ...samples(DEFAULT_GATEWAY_ID, [2, 3, 4]),
      ...samples(far.id, [3, 4, 5]),
    ]);
    // a second statement into the same bucket goes into the same rows (the rollup's key)
    await insertMetrics(db, samples(far.id, [0]));
    const series = async (gatewayId: string | null, bucketSeconds: number) =>
      (
        await metricSeries(db, {
          name: 'agents.active',
          from: new Date(T0),
          to: new Date(T0 + HOUR),
          bucketSeconds,
          gatewayId,
        })
      ).map((p) => [p.count, p.avg, p.min, p.max]);
    for (const bucketSeconds of [HOUR / 1000, 300]) {
      // from the rollups (an hour) and from the raw samples (5 minutes): the same
      assert.deepEqual(await series(null, bucketSeconds), [[3, 7, 5, 9]], `the studio's, ${bucketSeconds}s`);
      assert.deepEqual(await series(DEFAULT_GATEWAY_ID, bucketSeconds), [[3, 3, 2, 4]], `default, ${bucketSeconds}s`);
      assert.deepEqual(await series(far.id, bucketSeconds), [[4, 3, 0, 5]], `far, ${bucketSeconds}s`);
    }
    const [rows] = await db.query<{ n: number }>(
      `select count(*)::int as n from system_metric_rollups where metric_name = 'agents.active' and granularity = 'hour'`,
    );
    assert.equal(rows!.n, 3, 'one hour row each: the studio, default, far');
    assert.deepEqual(await listMetricNames(db, far.id), [{ name: 'agents.active', unit: null, gateway_id: far.id }]);
  });

  test("the audit log: a gateway's entries and the studio's own; every entry when no gateway is named", async () => {
    const { db } = get();
    const far =
      (await db.query<{ id: string }>(`select id from gateways where name = 'far'`))[0]?.id ??
      (await createGateway(db, 'far')).id;
    const nearJob = await testCronJob(db, { name: 'near job' });
    const farJob = await testCronJob(db, { gatewayId: far, name: 'far job' });
    const { row: farSession } = await upsertAgentSession(db, {
      gatewayId: far,
      sessionKey: 'agent:main:audit',
      agentName: 'far agent',
      agentType: 'singleton',
      status: 'running',
    });
    const entry = (label: string, target: ActivityTarget | null, commandId?: string) =>
      db.transaction((tx) =>
        recordActivity(tx, {
          actor: owner,
          action: 'test.action',
          target: target ? { ...target, label } : { kind: 'api_token', id: null, label },
          outcome: commandId ? 'pending' : 'succeeded',
          commandId,
        }),
      );
    await entry('near job edited', { kind: 'cron_job', id: nearJob.id, label: null });
    await entry('far job edited', { kind: 'cron_job', id: farJob.id, label: null });
    await entry('far session aborted', { kind: 'agent_session', id: farSession.id, label: null });
    await entry('token made', null);
    // a new job on far: its command (and entry) names the gateway before the job exists
    const create = await db.transaction((tx) =>
      insertCommand(tx, 'cron.add', { name: 'new far job' } as never, {
        gatewayId: far,
        actor: owner,
        target: { kind: 'cron_job', id: null, label: 'far job created' },
      }),
    );
    await db.transaction((tx) => finishCommandActivity(tx, create.id, 'succeeded', null, farJob.id));

    const list = async (gatewayId?: string) => labels((await listActivity(db, { gatewayId })).rows);
    assert.deepEqual(await list(far), ['far job created', 'far job edited', 'far session aborted', 'token made']);
    assert.deepEqual(await list(DEFAULT_GATEWAY_ID), ['near job edited', 'token made']);
    assert.equal((await list()).length, 5);
    // paged one at a time under the filter: the same entries, none twice
    const seen: string[] = [];
    for (let cursor: string | undefined, page = 0; page < 10; page++) {
      const { rows, nextCursor } = await listActivity(db, { gatewayId: far, limit: 1, cursor });
      seen.push(...labels(rows));
      if (!nextCursor) break;
      cursor = nextCursor;
    }
    assert.deepEqual(seen.sort(), await list(far));
  });

  test("search: one gateway's jobs and sessions, or every gateway's", async () => {
    const { db } = get();
    const far =
      (await db.query<{ id: string }>(`select id from gateways where name = 'far'`))[0]?.id ??
      (await createGateway(db, 'far')).id;
    // the same names on both gateways, as two OpenClaw installs of one setup have
    for (const gatewayId of [DEFAULT_GATEWAY_ID, far]) {
      await testCronJob(db, { gatewayId, name: 'zebra digest' });
      await upsertAgentSession(db, {
        gatewayId,
        sessionKey: 'agent:main:zebra',
        agentName: 'zebra writer',
        agentType: 'singleton',
        status: 'completed',
      });
    }
    await testCronJob(db, { gatewayId: far, name: 'zebra crawler' });
    const jobs = async (gatewayId?: string) => (await searchJobs(db, 'zebra', 10, gatewayId)).map((j) => j.name);
    assert.deepEqual(await jobs(far), ['zebra crawler', 'zebra digest']);
    assert.deepEqual(await jobs(DEFAULT_GATEWAY_ID), ['zebra digest']);
    assert.deepEqual(await jobs(), ['zebra crawler', 'zebra digest', 'zebra digest']);
    const sessions = async (gatewayId?: string) =>
      (await searchSessionGroups(db, 'zebra', 10, gatewayId)).map((s) => [s.agent_name, s.count]);
    assert.deepEqual(await sessions(far), [['zebra writer', 1]]);
    assert.deepEqual(await sessions(), [['zebra writer', 2]]);
  });
});

// Entries written before 0039 get the gateway of what they acted on; the studio's own stay the studio's.
async function auditBefore0039(db: Queryable) {
  const [far] = await db.query<{ id: string }>(`insert into gateways (name) values ('far') returning id`);
  const [job] = await db.query<{ id: string }>(
    `insert into cron_jobs (name, schedule, command, external_id, gateway_id) values ('far job', '0 * * * *', 'x', 'far', $1) returning id`,
    [far!.id],
  );
  const [command] = await db.query<{ id: string }>(
    `insert into commands (kind, payload, gateway_id) values ('cron.add', '{}', $1) returning id`,
    [far!.id],
  );
  await db.query(
    `insert into activity (actor_kind, actor_name, action, target_kind, target_id, target_label, command_id) values
       ('owner', 'owner', 'cron.update', 'cron_job', $1, 'far job', null),
       ('owner', 'owner', 'cron.add', 'cron_job', null, 'new far job', $2),
       ('owner', 'owner', 'token.create', 'api_token', null, 'token', null),
       ('owner', 'owner', 'cron.update', 'cron_job', 'not-a-uuid', 'odd', null)`,
    [job!.id, command!.id],
  );
  return far!.id;
}

for (const kind of testedDrivers()) {
  test(`migration 0039 gives the audit log's entries their gateway [${kind}]`, async () => {
    const t = await drivers[kind]({ migrate: false });
    try {
      const all = loadMigrations();
      await migrate(
        t.db,
        all.filter((m) => m.version < 39),
      );
      const far = await auditBefore0039(t.db);
      await migrate(t.db, all);
      const rows = await t.db.query<{ target_label: string; gateway_id: string | null }>(
        'select target_label, gateway_id from activity order by target_label',
      );
      assert.deepEqual(rows, [
        { target_label: 'far job', gateway_id: far },
        { target_label: 'new far job', gateway_id: far },
        { target_label: 'odd', gateway_id: null },
        { target_label: 'token', gateway_id: null },
      ]);
    } finally {
      await t.drop();
    }
  });
}
