// The fleet's lists (issue 18 step 5): each list query takes an optional gateway and then answers that
// gateway's rows only, its keyset cursors paging through them alone; without one it answers all gateways'.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { describeEachDriver, testCronJob } from './kit/testing';
import {
  createGateway,
  listAgentIds,
  listAgentSessions,
  listContentPendingReview,
  listCronJobs,
  listCronRuns,
  listFailedRuns,
  listFailedSessions,
  listGtmCalendar,
  listGtmOutputs,
  listOpenclawChannels,
  listPendingApprovals,
  listRunsBetween,
  listUnacknowledgedFailures,
  recordApprovalRequested,
  recordChannelStates,
  upsertAgentSession,
  upsertCronRun,
  upsertGtmOutputFromFile,
  type Queryable,
} from '../src/index';
import { countAll } from './helpers';

const HOUR = 3_600_000;

/** One gateway's rows: a job with `runs` runs (every other one failed), `runs` sessions, `runs` content items. */
async function fillGateway(db: Queryable, gatewayId: string, tag: string, runs: number) {
  const job = await testCronJob(db, { gatewayId, name: `${tag} job` });
  const t0 = Date.now() - HOUR;
  for (let i = 0; i < runs; i++) {
    // the same start times on both gateways: the cursor's tie-break on id is exercised too
    const at = new Date(t0 + i * 1000);
    await upsertCronRun(db, {
      jobId: job.id,
      externalId: randomUUID(),
      startedAt: at,
      finishedAt: at,
      status: i % 2 ? 'failed' : 'completed',
      error: i % 2 ? `${tag} broke` : null,
    });
    await upsertAgentSession(db, {
      gatewayId,
      sessionKey: `agent:main:${tag}-${i}`,
      agentId: `${tag}-agent`,
      agentName: `${tag} agent`,
      agentType: 'singleton',
      status: i % 2 ? 'error' : 'completed',
      startedAt: at,
      lastActivityAt: at,
      completedAt: at,
    });
    await upsertGtmOutputFromFile(db, {
      gatewayId,
      sourceFilePath: `/gtm/${tag}-${i}.md`,
      title: `${tag} post ${i}`,
      contentType: 'blog',
      tags: [],
      priority: 0,
      initialStatus: 'pending_review',
      contentMd: `${tag} text`,
      contentHtml: `<p>${tag} text</p>`,
      fileHash: randomUUID(),
    });
  }
  await recordApprovalRequested(db, {
    gatewayId,
    source: 'openclaw',
    externalId: randomUUID(),
    kind: 'exec',
    title: `${tag} approval`,
    agentId: 'main',
    sessionKey: 'agent:main:main',
    allowedDecisions: ['allow-once', 'deny'],
    request: {},
    requestedAt: new Date(),
    expiresAt: new Date(Date.now() + HOUR),
  });
  return job;
}

/** Every page of a keyset list, followed to its end. */
async function allPages<T extends { id: string }>(
  page: (cursor: string | undefined) => Promise<{ rows: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | undefined;
  do {
    const { rows, nextCursor } = await page(cursor);
    seen.push(...rows);
    cursor = nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describeEachDriver('lists filtered by gateway', (get) => {
  let home: string;
  let office: string;
  const RUNS = 7;

  before(async () => {
    const { db } = get();
    home = (await createGateway(db, `home-${randomUUID().slice(0, 6)}`)).id;
    office = (await createGateway(db, `office-${randomUUID().slice(0, 6)}`)).id;
    await fillGateway(db, home, 'home', RUNS);
    await fillGateway(db, office, 'office', RUNS);
  });

  test('jobs and runs: one gateway answers its own only, paged by its cursor', async () => {
    const { db } = get();
    const jobs = await listCronJobs(db, { gatewayId: office });
    assert.deepEqual(
      jobs.map((j) => j.name),
      ['office job'],
    );
    const runs = await allPages((cursor) => listCronRuns(db, { gatewayId: office, limit: 2, cursor }));
    assert.equal(runs.length, RUNS, 'every page under the filter, none lost, none of the other gateway');
    assert.equal(new Set(runs.map((r) => r.id)).size, RUNS);
    assert.ok(runs.every((r) => r.gateway_id === office));
    const failed = await allPages((cursor) =>
      listCronRuns(db, { gatewayId: home, status: 'failed', limit: 1, cursor }),
    );
    assert.equal(failed.length, Math.floor(RUNS / 2));
    assert.ok(failed.every((r) => r.gateway_id === home));
    const all = await listCronRuns(db, { limit: 200 });
    assert.ok(all.rows.some((r) => r.gateway_id === home) && all.rows.some((r) => r.gateway_id === office));
    const day = await listRunsBetween(db, { from: new Date(Date.now() - 2 * HOUR), to: new Date(), gatewayId: home });
    assert.equal(day.length, RUNS);
    assert.ok(day.every((r) => r.gateway_id === home));
  });

  test('sessions: one gateway answers its own only, paged by its cursor', async () => {
    const { db } = get();
    const sessions = await allPages((cursor) => listAgentSessions(db, { gatewayId: home, limit: 3, cursor }));
    assert.equal(sessions.length, RUNS);
    assert.ok(sessions.every((s) => s.gateway_id === home && s.agent_name === 'home agent'));
    const agents = await listAgentIds(db, { gatewayId: home });
    assert.ok(agents.includes('home-agent') && !agents.includes('office-agent'), 'the agents of one gateway');
    assert.ok((await listAgentIds(db)).includes('office-agent'));
  });

  test('content: one gateway answers its own only, paged by its cursor in either sort, counted alone', async () => {
    const { db } = get();
    for (const sort of ['newest', 'priority'] as const) {
      const seen = new Set<string>();
      let cursor: string | undefined;
      let total = 0;
      do {
        const res = await listGtmOutputs(db, { gatewayId: office, sort, limit: 2, cursor });
        for (const r of res.rows) {
          assert.equal(r.gateway_id, office, sort);
          seen.add(r.id);
        }
        total = res.total;
        cursor = res.nextCursor ?? undefined;
      } while (cursor);
      assert.equal(seen.size, RUNS, sort);
      assert.equal(total, RUNS, `${sort}: the count is the gateway's`);
    }
    // scheduled items on the publishing calendar
    const { rows: homeItems } = await listGtmOutputs(db, { gatewayId: home, limit: 2 });
    const { rows: officeItems } = await listGtmOutputs(db, { gatewayId: office, limit: 2 });
    const soon = new Date(Date.now() + HOUR);
    await db.query('update gtm_outputs set scheduled_for = $2 where id = any($1::uuid[])', [
      [...homeItems, ...officeItems].map((r) => r.id),
      soon,
    ]);
    const calendar = await listGtmCalendar(db, {
      from: new Date(),
      to: new Date(Date.now() + 2 * HOUR),
      gatewayId: home,
    });
    assert.deepEqual(calendar.map((e) => e.id).sort(), homeItems.map((r) => r.id).sort());
    const search = await listGtmOutputs(db, { gatewayId: home, search: 'home', limit: 200 });
    assert.equal(search.rows.length, RUNS);
    assert.equal((await listGtmOutputs(db, { gatewayId: home, search: 'office', limit: 200 })).rows.length, 0);
  });

  test('failures and the inbox: one gateway answers its own only', async () => {
    const { db } = get();
    const since = new Date(Date.now() - 2 * HOUR);
    const runs = await listFailedRuns(db, { since, gatewayId: office });
    assert.equal(runs.length, Math.floor(RUNS / 2));
    assert.ok(runs.every((r) => r.gateway_id === office && r.job_name === 'office job'));
    const sessions = await listFailedSessions(db, { since, gatewayId: office });
    assert.equal(sessions.length, Math.floor(RUNS / 2));
    assert.ok(sessions.every((s) => s.gateway_id === office));

    const failures = await listUnacknowledgedFailures(db, { since, gatewayId: home });
    assert.equal(failures.length, 2 * Math.floor(RUNS / 2), 'its failed runs and its failed sessions');
    assert.ok(failures.every((f) => f.gateway_id === home));
    const content = await listContentPendingReview(db, 200, home);
    assert.equal(content.length, RUNS);
    assert.ok(content.every((c) => c.gateway_id === home));
    const approvals = await listPendingApprovals(db, new Date(), home);
    assert.deepEqual(
      approvals.map((a) => a.title),
      ['home approval'],
    );
    const one = await countAll(db, since, new Date(), home);
    assert.equal(one, 1 + RUNS + 2 * Math.floor(RUNS / 2));
    assert.ok((await countAll(db, since)) >= 2 * one, 'without a gateway: both');
  });

  test('OpenClaw’s channels: one gateway answers its own only', async () => {
    const { db } = get();
    const channel = (state: 'up' | 'down') => ({
      channel: 'whatsapp',
      accountId: 'default',
      label: 'WhatsApp',
      state,
      error: null,
      detail: {},
    });
    await db.transaction(async (tx) => {
      await recordChannelStates(tx, 'openclaw', [channel('up')], new Date(), home);
      await recordChannelStates(tx, 'openclaw', [channel('down')], new Date(), office);
    });
    assert.deepEqual(
      (await listOpenclawChannels(db, office)).map((c) => [c.gateway_id, c.state]),
      [[office, 'down']],
    );
    const all = await listOpenclawChannels(db);
    assert.ok(
      [home, office].every((g) => all.some((c) => c.gateway_id === g)),
      'without a gateway: both',
    );
  });

  test('a run is on its job’s gateway: the schema refuses one filed under another', async () => {
    const { db } = get();
    const [officeJob] = await listCronJobs(db, { gatewayId: office });
    await assert.rejects(
      db.query(
        `insert into cron_runs (job_id, gateway_id, external_id, started_at, status) values ($1, $2, 'stray', now(), 'running')`,
        [officeJob!.id, home],
      ),
      { code: '23503' },
    );
    await assert.rejects(db.query('update cron_runs set gateway_id = $1 where job_id = $2', [home, officeJob!.id]), {
      code: '23503',
    });
  });
});
