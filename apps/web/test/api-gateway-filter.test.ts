// The fleet in the API (issue 18 step 5): every list takes `?gateway=` (a name or an id) and then answers that
// gateway's rows only, paging through them alone; an unknown gateway is a 400 on that parameter; every row
// names its gateway as { id, name }.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { describeEachDriver, testCronJob } from '@agent-studio/database/testing';
import {
  createGateway,
  recordApprovalRequested,
  upsertAgentSession,
  upsertCronRun,
  upsertGtmOutputFromFile,
  type Db,
  type GatewayRow,
} from '@agent-studio/database';
import * as jobsRoute from '@/app/api/cron/jobs/route';
import * as jobRoute from '@/app/api/cron/jobs/[id]/route';
import * as runsRoute from '@/app/api/cron/jobs/[id]/runs/route';
import * as sessionsRoute from '@/app/api/agents/sessions/route';
import * as outputsRoute from '@/app/api/gtm/outputs/route';
import * as inboxRoute from '@/app/api/inbox/route';
import { cronJobsResponse, gtmListResponse, inboxResponse, sessionsResponse } from '@agent-studio/core/api';
import { call, contentItem, useStudio } from './fixture';

const SESSIONS = 3;

/** A gateway with a job that failed once, SESSIONS sessions (one in error), a content item to review, an approval. */
async function fillGateway(db: Db, gateway: GatewayRow) {
  const job = await testCronJob(db, {
    gatewayId: gateway.id,
    externalId: 'daily-digest', // the same OpenClaw id on both gateways
    name: `${gateway.name} digest`,
  });
  await upsertCronRun(db, {
    jobId: job.id,
    externalId: randomUUID(),
    startedAt: new Date(),
    finishedAt: new Date(),
    status: 'failed',
    error: 'boom',
  });
  for (let i = 0; i < SESSIONS; i++)
    await upsertAgentSession(db, {
      gatewayId: gateway.id,
      sessionKey: `agent:main:${i}`, // the same keys on both gateways
      agentName: `${gateway.name} agent`,
      agentType: 'singleton',
      status: i === 0 ? 'error' : 'completed',
      completedAt: new Date(),
    });
  await upsertGtmOutputFromFile(db, {
    gatewayId: gateway.id,
    sourceFilePath: '/gtm/blog/post.md',
    title: `${gateway.name} post`,
    contentType: 'blog',
    tags: [],
    priority: 5,
    initialStatus: 'pending_review',
    contentMd: 'text',
    contentHtml: '<p>text</p>',
    fileHash: randomUUID(),
  });
  await recordApprovalRequested(db, {
    gatewayId: gateway.id,
    source: 'openclaw',
    externalId: randomUUID(),
    kind: 'exec',
    title: `${gateway.name} rm -rf`,
    allowedDecisions: ['allow-once', 'deny'],
    request: {},
    requestedAt: new Date(),
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return job;
}

type Named = { gateway: { id: string; name: string } };

describeEachDriver('API lists filtered by gateway', (get) => {
  const studio = useStudio(get);
  let home: GatewayRow;
  let office: GatewayRow;
  let officeJobId: string;

  before(async () => {
    const { db } = studio();
    home = await createGateway(db, `home-${randomUUID().slice(0, 6)}`);
    office = await createGateway(db, `office-${randomUUID().slice(0, 6)}`);
    await fillGateway(db, home);
    officeJobId = (await fillGateway(db, office)).id;
    await contentItem(db); // on the default gateway
  });

  const only = (rows: Named[], g: GatewayRow) => {
    assert.ok(rows.length > 0);
    for (const r of rows) assert.deepEqual(r.gateway, { id: g.id, name: g.name });
  };

  test('jobs, runs, content and the inbox answer the named gateway only, by name or by id', async () => {
    for (const ref of [office.name, office.id]) {
      const jobs = await call(jobsRoute.GET, 'GET', `/api/cron/jobs?gateway=${encodeURIComponent(ref)}`);
      assert.equal(jobs.status, 200);
      assert.deepEqual(
        jobs.json.jobs.map((j: { name: string }) => j.name),
        [`${office.name} digest`],
      );
      only(jobs.json.jobs, office);
    }
    const runs = await call(runsRoute.GET, 'GET', `/api/cron/jobs/x/runs?gateway=${office.name}`, {
      params: { id: officeJobId },
    });
    only(runs.json.runs, office);
    const elsewhere = await call(runsRoute.GET, 'GET', `/api/cron/jobs/x/runs?gateway=${home.name}`, {
      params: { id: officeJobId },
    });
    assert.deepEqual(elsewhere.json.runs, [], "a job's runs are on its gateway");

    const content = await call(outputsRoute.GET, 'GET', `/api/gtm/outputs?gateway=${home.name}`);
    assert.equal(content.json.total, 1);
    only(content.json.outputs, home);

    const inbox = await call(inboxRoute.GET, 'GET', `/api/inbox?gateway=${home.name}`);
    assert.equal(inbox.status, 200);
    only(inbox.json.approvals, home);
    only(inbox.json.content, home);
    only(inbox.json.failures, home);
    assert.equal(inbox.json.count, 1 + 1 + 2, 'its approval, its content, its failed run and failed session');
  });

  test('sessions page under the filter: every page is the gateway’s, none lost', async () => {
    const seen: Named[] = [];
    let cursor = '';
    do {
      const res = await call(
        sessionsRoute.GET,
        'GET',
        `/api/agents/sessions?gateway=${office.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      assert.equal(res.status, 200);
      seen.push(...res.json.sessions);
      cursor = res.json.nextCursor ?? '';
    } while (cursor);
    assert.equal(seen.length, SESSIONS);
    only(seen, office);
  });

  test('without ?gateway= every gateway answers, each row naming its own', async () => {
    const all = await Promise.all([
      call(jobsRoute.GET, 'GET', '/api/cron/jobs'),
      call(sessionsRoute.GET, 'GET', '/api/agents/sessions?limit=200'),
      call(outputsRoute.GET, 'GET', '/api/gtm/outputs?limit=200'),
      call(inboxRoute.GET, 'GET', '/api/inbox'),
    ]);
    // the documented shapes, the default gateway's rows among them (its id is no RFC 4122 UUID)
    [cronJobsResponse, sessionsResponse, gtmListResponse, inboxResponse].forEach((schema, i) =>
      schema.parse(all[i]!.json),
    );
    const jobs = all[0]!.json.jobs as (Named & { name: string })[];
    const names = new Set(jobs.map((j) => j.gateway.name));
    assert.ok(names.has(home.name) && names.has(office.name));
    const one = await call(jobRoute.GET, 'GET', '/x', { params: { id: officeJobId } });
    assert.deepEqual(one.json.job.gateway, { id: office.id, name: office.name });
    const sessions = (await call(sessionsRoute.GET, 'GET', '/api/agents/sessions?limit=200')).json.sessions as Named[];
    assert.ok(sessions.some((s) => s.gateway.id === home.id) && sessions.some((s) => s.gateway.id === office.id));
  });

  test('an unknown gateway is a 400 on that parameter, on every list', async () => {
    const lists: [Parameters<typeof call>[0], string, Record<string, string>?][] = [
      [jobsRoute.GET, '/api/cron/jobs'],
      [runsRoute.GET, '/api/cron/jobs/x/runs', { id: officeJobId }],
      [sessionsRoute.GET, '/api/agents/sessions'],
      [outputsRoute.GET, '/api/gtm/outputs'],
      [inboxRoute.GET, '/api/inbox'],
    ];
    for (const [handler, path, params] of lists) {
      for (const [ref, message] of [
        ['nowhere', /no gateway "nowhere"/],
        [randomUUID(), /no gateway/],
        ['', /too_small|at least|>=1|Too small/i],
      ] as const) {
        const res = await call(handler, 'GET', `${path}?gateway=${ref}`, { params });
        assert.equal(res.status, 400, `${path} ${ref}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.details.issues[0].field, 'gateway', path);
        assert.match(res.json.error.details.issues[0].message, message, path);
      }
    }
  });
});
