// The fleet in the API, continued (issue 18 step 5): GET /api/metrics, /api/activity and /api/search take
// `?gateway=` (a name or an id) as the lists do. Metrics then chart that gateway's samples (the studio's where a
// metric is sampled only for the studio, its disks), the audit log gives that gateway's entries and the
// studio's own, search finds that gateway's jobs, sessions and content only; an unknown gateway is a 400.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { describeEachDriver, testCronJob } from '@agent-studio/database/testing';
import {
  createGateway,
  insertMetrics,
  recordActivity,
  upsertAgentSession,
  upsertGtmOutputFromFile,
  type Db,
  type GatewayRow,
} from '@agent-studio/database';
import { activityResponse, metricsResponse, searchResponse } from '@agent-studio/core/api';
import * as activityRoute from '@/app/api/activity/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as searchRoute from '@/app/api/search/route';
import { call, useStudio } from './fixture';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const window = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + HOUR).toISOString()}&bucket=1h`;

/** A gateway's job, session and content item (each named after a word the search looks for), and an audit entry on its job. */
async function fillGateway(db: Db, gateway: GatewayRow, activeAgents: number) {
  const job = await testCronJob(db, {
    gatewayId: gateway.id,
    externalId: 'daily-quokka',
    name: `${gateway.name} quokka`,
  });
  await upsertAgentSession(db, {
    gatewayId: gateway.id,
    sessionKey: 'agent:main:quokka', // the same key on both gateways
    agentName: `${gateway.name} quokka writer`,
    agentType: 'singleton',
    status: 'completed',
  });
  await upsertGtmOutputFromFile(db, {
    gatewayId: gateway.id,
    sourceFilePath: '/gtm/blog/quokka.md',
    title: `${gateway.name} quokka post`,
    contentType: 'blog',
    tags: [],
    priority: 5,
    initialStatus: 'draft',
    contentMd: 'quokka',
    contentHtml: '<p>quokka</p>',
    fileHash: randomUUID(),
  });
  await db.transaction((tx) =>
    recordActivity(tx, {
      actor: { kind: 'owner', id: null, name: 'owner' },
      action: 'cron.setEnabled',
      target: { kind: 'cron_job', id: job.id, label: job.name },
      outcome: 'succeeded',
    }),
  );
  // the sampler's minute samples of the hour: this gateway's agents
  await insertMetrics(db, [
    { type: 'agents', name: 'agents.active', value: activeAgents, at: new Date(T0), gatewayId: gateway.id },
  ]);
}

describeEachDriver('API metrics, audit log and search filtered by gateway', (get) => {
  const studio = useStudio(get);
  let home: GatewayRow;
  let office: GatewayRow;

  before(async () => {
    const { db } = studio();
    home = await createGateway(db, `home-${randomUUID().slice(0, 6)}`);
    office = await createGateway(db, `office-${randomUUID().slice(0, 6)}`);
    await fillGateway(db, home, 2);
    await fillGateway(db, office, 5);
    // the studio's own samples: every gateway's agents, and its host's disk
    await insertMetrics(db, [
      { type: 'agents', name: 'agents.active', value: 7, at: new Date(T0) },
      { type: 'disk', name: 'disk.workspace', value: 40, unit: 'percent', at: new Date(T0) },
    ]);
    await db.transaction((tx) =>
      recordActivity(tx, {
        actor: { kind: 'owner', id: null, name: 'owner' },
        action: 'token.create',
        target: { kind: 'api_token', id: null, label: 'quokka token' },
        outcome: 'succeeded',
      }),
    );
  });

  type Series = { name: string; gateway: { id: string; name: string } | null; points: { avg: number }[] };
  const ofMetric = (json: { series: Series[] }, name: string) => json.series.find((s) => s.name === name);

  test("metrics: a gateway's own samples, the studio's for what only the studio samples; the studio's without one", async () => {
    for (const ref of [office.name, office.id]) {
      const res = await call(metricsRoute.GET, 'GET', `/api/metrics?${window}&gateway=${encodeURIComponent(ref)}`);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      metricsResponse.parse(res.json);
      const agents = ofMetric(res.json, 'agents.active')!;
      assert.deepEqual(agents.gateway, { id: office.id, name: office.name });
      assert.deepEqual(
        agents.points.map((p: { avg: number }) => p.avg),
        [5],
      );
      const disk = ofMetric(res.json, 'disk.workspace')!;
      assert.equal(disk.gateway, null, "the disk is the studio host's");
      assert.deepEqual(
        disk.points.map((p: { avg: number }) => p.avg),
        [40],
      );
    }
    const one = await call(metricsRoute.GET, 'GET', `/api/metrics?${window}&name=agents.active&gateway=${home.name}`);
    assert.deepEqual(
      one.json.series.map((s: { name: string; points: { avg: number }[] }) => [s.name, s.points.map((p) => p.avg)]),
      [['agents.active', [2]]],
    );
    const all = await call(metricsRoute.GET, 'GET', `/api/metrics?${window}`);
    metricsResponse.parse(all.json);
    const agents = ofMetric(all.json, 'agents.active')!;
    assert.equal(agents.gateway, null);
    assert.deepEqual(
      agents.points.map((p: { avg: number }) => p.avg),
      [7],
      "the studio's sample",
    );
  });

  test("the audit log: the gateway's entries and the studio's own, each naming its gateway", async () => {
    const res = await call(activityRoute.GET, 'GET', `/api/activity?gateway=${office.name}`);
    assert.equal(res.status, 200);
    activityResponse.parse(res.json);
    const entries = res.json.entries as { target: { label: string }; gateway: { name: string } | null }[];
    assert.deepEqual(entries.map((e) => [e.target.label, e.gateway?.name ?? null]).sort(), [
      [`${office.name} quokka`, office.name],
      ['quokka token', null],
    ]);
    const all = (await call(activityRoute.GET, 'GET', '/api/activity?limit=200')).json.entries as typeof entries;
    assert.ok(all.some((e) => e.gateway?.name === home.name) && all.some((e) => e.gateway?.name === office.name));
  });

  test("search: the gateway's jobs, sessions and content only; every gateway's without one", async () => {
    const res = await call(searchRoute.GET, 'GET', `/api/search?q=quokka&gateway=${office.id}`);
    assert.equal(res.status, 200);
    searchResponse.parse(res.json);
    const labels = (json: Record<'jobs' | 'sessions' | 'content', { label: string }[]>) =>
      [...json.jobs, ...json.sessions, ...json.content].map((h) => h.label).sort();
    assert.deepEqual(labels(res.json), [
      `${office.name} quokka`,
      `${office.name} quokka post`,
      `${office.name} quokka writer`,
    ]);
    const all = await call(searchRoute.GET, 'GET', '/api/search?q=quokka');
    assert.equal(labels(all.json).length, 6);
  });

  test('an unknown gateway is a 400 on that parameter', async () => {
    for (const [handler, path] of [
      [metricsRoute.GET, `/api/metrics?${window}&`],
      [activityRoute.GET, '/api/activity?'],
      [searchRoute.GET, '/api/search?q=quokka&'],
    ] as const) {
      for (const ref of ['nowhere', randomUUID()]) {
        const res = await call(handler, 'GET', `${path}gateway=${ref}`);
        assert.equal(res.status, 400, `${path} ${ref}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.details.issues[0].field, 'gateway', path);
      }
    }
  });
});
