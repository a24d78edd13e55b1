import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { getCronJobByExternalId, markCronJobRemoved } from '@agent-studio/database';
import type { SimJob } from '@agent-studio/gateway-bridge/simulator/gateway-simulator';
import * as jobsRoute from '@/app/api/cron/jobs/route';
import * as jobRoute from '@/app/api/cron/jobs/[id]/route';
import * as triggerRoute from '@/app/api/cron/jobs/[id]/trigger/route';
import * as runsRoute from '@/app/api/cron/jobs/[id]/runs/route';
import * as runRoute from '@/app/api/cron/runs/[id]/route';
import * as runLogsRoute from '@/app/api/cron/runs/[id]/logs/route';
import { DAILY_DIGEST, pausedJob } from '@agent-studio/gateway-bridge/testing/sim-jobs';
import { call, readSse, until, useStudio } from './fixture';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describeEachDriver('cron API', (get) => {
  const studio = useStudio(get);
  let digest: SimJob;
  let jobId: string;
  // when the job was added: its next run is after that (the simulator does not move it on once 07:00 passes)
  let addedAt: Date;

  before(async () => {
    const { sim, db } = studio();
    addedAt = new Date();
    digest = sim.addJob(DAILY_DIGEST);
    sim.addJob(pausedJob('Inbox triage', 'triage'));
    for (let i = 1; i <= 120; i++)
      sim.recordRun(
        digest,
        Date.now() - i * 3_600_000,
        i % 10 === 0
          ? { durationMs: 900, error: 'Rate limit exceeded (429)' }
          : { durationMs: 1000 + i, summary: `run ${i}` },
      );
    sim.dropConnections(); // reconnect → reconcile picks up the history
    jobId = (
      await until('job mirrored with its runs', async () => {
        const j = await getCronJobByExternalId(db, 'openclaw', digest.id);
        const [runs] = j
          ? await db.query<{ n: number }>('select count(*)::int as n from cron_runs where job_id = $1', [j.id])
          : [];
        return runs?.n === 120 && j;
      })
    ).id;
  });

  test('GET /api/cron/jobs lists jobs with lastRun and a nextRun computed in the job’s time zone', async () => {
    const { status, json } = await call(jobsRoute.GET, 'GET', '/api/cron/jobs');
    assert.equal(status, 200);
    const job = json.jobs.find((j: { name: string }) => j.name === 'Daily digest');
    assert.equal(job.schedule, '0 7 * * *');
    assert.equal(job.scheduleInWords, 'At 07:00');
    assert.deepEqual(Object.keys(job.lastRun).sort(), ['at', 'duration', 'status']);
    assert.equal(job.lastRun.status, 'success');
    const next = new Date(job.nextRun);
    assert.ok(next > addedAt);
    assert.equal(
      next.toLocaleString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }),
      '07:00',
    );
    const paused = json.jobs.find((j: { name: string }) => j.name === 'Inbox triage');
    assert.equal(paused.enabled, false);
    assert.equal(paused.nextRun, null);
  });

  test('GET /api/cron/jobs filters by search; a bad query is a 400 naming the field', async () => {
    const { json } = await call(jobsRoute.GET, 'GET', '/api/cron/jobs?search=inbox');
    assert.deepEqual(
      json.jobs.map((j: { name: string }) => j.name),
      ['Inbox triage'],
    );
    const bad = await call(jobsRoute.GET, 'GET', `/api/cron/jobs?search=${'x'.repeat(201)}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.details.issues[0].field, 'search');
  });

  test('GET /api/cron/jobs/:id answers the job and its next five runs; unknown or malformed ids are 404', async () => {
    const { status, json } = await call(jobRoute.GET, 'GET', `/api/cron/jobs/${jobId}`, { params: { id: jobId } });
    assert.equal(status, 200);
    assert.equal(json.nextRuns.length, 5);
    assert.equal(
      (await call(jobRoute.GET, 'GET', `/api/cron/jobs/${UNKNOWN}`, { params: { id: UNKNOWN } })).status,
      404,
    );
    const malformed = await call(jobRoute.GET, 'GET', '/api/cron/jobs/nope', { params: { id: 'nope' } });
    assert.equal(malformed.status, 404);
    assert.equal(malformed.json.error.code, 'not_found');
  });

  test('GET /api/cron/jobs/:id/runs pages the whole history with a keyset cursor, each run once, newest first', async () => {
    const seen: string[] = [];
    let cursor = '';
    let last = Infinity;
    for (let page = 0; page < 10; page++) {
      const { status, json } = await call(
        runsRoute.GET,
        'GET',
        `/api/cron/jobs/${jobId}/runs?limit=25${cursor ? `&cursor=${cursor}` : ''}`,
        { params: { id: jobId } },
      );
      assert.equal(status, 200);
      for (const r of json.runs) {
        assert.ok(new Date(r.startedAt).getTime() <= last);
        last = new Date(r.startedAt).getTime();
        seen.push(r.id);
        assert.deepEqual(
          ['duration', 'id', 'outputFiles', 'startedAt', 'status'].filter((k) => !(k in r)),
          [],
        );
      }
      if (!json.nextCursor) break;
      cursor = json.nextCursor;
    }
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen).size, 120);
    const failed = await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?status=failed&limit=200`, {
      params: { id: jobId },
    });
    assert.equal(failed.json.runs.length, 12);
    assert.equal(
      (await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?limit=0`, { params: { id: jobId } })).status,
      400,
    );
    assert.equal(
      (await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?status=bogus`, { params: { id: jobId } })).status,
      400,
    );
    const badCursor = await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?cursor=not-a-cursor`, {
      params: { id: jobId },
    });
    assert.equal(badCursor.status, 400);
    assert.equal(badCursor.json.error.details.issues[0].field, 'cursor');
    assert.equal(
      (await call(runsRoute.GET, 'GET', `/api/cron/jobs/${UNKNOWN}/runs`, { params: { id: UNKNOWN } })).status,
      404,
    );
  });

  test('a failed run answers why and what to do (category, advice, the models tried); a successful run answers null', async () => {
    const { json } = await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?status=failed&limit=1`, {
      params: { id: jobId },
    });
    const failed = json.runs[0];
    assert.equal(failed.failure.category, 'rate_limit');
    assert.match(failed.failure.advice, /agents\.defaults\.model\.fallbacks/);
    assert.deepEqual(failed.failure.attempts, []);
    const one = await call(runRoute.GET, 'GET', `/api/cron/runs/${failed.id}`, { params: { id: failed.id } });
    assert.deepEqual(one.json.run.failure, failed.failure, 'the single run answers the same');
    const ok = (
      await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?status=completed&limit=1`, {
        params: { id: jobId },
      })
    ).json.runs[0];
    assert.equal(ok.failure, null);
  });

  test('POST /api/cron/jobs/:id/trigger runs the job through the bridge and answers {runId, status: started}', async () => {
    const { status, json } = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${jobId}/trigger`, {
      params: { id: jobId },
    });
    assert.equal(status, 200, JSON.stringify(json));
    assert.equal(json.status, 'started');
    const run = await call(runRoute.GET, 'GET', `/api/cron/runs/${json.runId}`, { params: { id: json.runId } });
    assert.equal(run.status, 200);
    assert.equal(run.json.run.triggerType, 'manual');
    assert.equal(run.json.run.jobId, jobId);

    // its log streams: stored lines, then live ones, then the end when the run finishes
    const stream = await call(runLogsRoute.GET, 'GET', `/api/cron/runs/${json.runId}/logs`, {
      params: { id: json.runId },
    });
    assert.equal(stream.status, 200);
    assert.equal(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const messages = await readSse(stream.response, (m) => m.event === 'end');
    assert.equal(messages.at(-1)?.event, 'end');
    assert.ok(
      messages.some((m) => m.event === 'log' && /Manual run finished/.test(m.data.message)),
      JSON.stringify(messages),
    );

    // a Last-Event-ID no line could have (past bigint) is ignored like a malformed one: the whole log again
    const resumed = await call(runLogsRoute.GET, 'GET', `/api/cron/runs/${json.runId}/logs`, {
      params: { id: json.runId },
      headers: { 'last-event-id': '99999999999999999999999999' },
    });
    const again = await readSse(resumed.response, (m) => m.event === 'end', 5_000);
    assert.deepEqual(
      again.map((m) => m.id ?? m.event),
      messages.map((m) => m.id ?? m.event),
    );
  });

  test('a retry names the failed run; errors say what is wrong', async () => {
    const failed = (
      await call(runsRoute.GET, 'GET', `/api/cron/jobs/${jobId}/runs?status=failed&limit=1`, { params: { id: jobId } })
    ).json.runs[0];
    const retry = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${jobId}/trigger`, {
      params: { id: jobId },
      body: { retryOfRunId: failed.id },
    });
    assert.equal(retry.status, 200);
    assert.equal(
      (await call(runRoute.GET, 'GET', `/api/cron/runs/${retry.json.runId}`, { params: { id: retry.json.runId } })).json
        .run.triggerType,
      'retry',
    );

    const badJson = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${jobId}/trigger`, {
      params: { id: jobId },
      rawBody: '{nope',
    });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json.error.code, 'invalid_json');
    const badField = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${jobId}/trigger`, {
      params: { id: jobId },
      body: { retryOfRunId: 'x' },
    });
    assert.equal(badField.status, 400);
    assert.equal(badField.json.error.details.issues[0].field, 'retryOfRunId');
    const unknownField = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${jobId}/trigger`, {
      params: { id: jobId },
      body: { force: true },
    });
    assert.equal(unknownField.status, 400);
    assert.equal(
      (await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${UNKNOWN}/trigger`, { params: { id: UNKNOWN } })).status,
      404,
    );
    assert.equal(
      (await call(runRoute.GET, 'GET', `/api/cron/runs/${UNKNOWN}`, { params: { id: UNKNOWN } })).status,
      404,
    );
    assert.equal(
      (await call(runLogsRoute.GET, 'GET', `/api/cron/runs/${UNKNOWN}/logs`, { params: { id: UNKNOWN } })).status,
      404,
    );
  });

  test('PATCH /api/cron/jobs/:id pauses and resumes a job through the gateway', async () => {
    const { db } = studio();
    const paused = await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: { enabled: false } });
    assert.equal(paused.status, 200, JSON.stringify(paused.json));
    await until(
      'mirrored as paused',
      async () => (await getCronJobByExternalId(db, 'openclaw', digest.id))?.enabled === false,
    );
    assert.equal(
      (await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: { enabled: true } })).status,
      200,
    );
    await until(
      'mirrored as enabled',
      async () => (await getCronJobByExternalId(db, 'openclaw', digest.id))?.enabled === true,
    );
    assert.equal(
      (await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: { enabled: 'no' } })).status,
      400,
    );
    assert.equal((await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: jobId }, body: {} })).status, 400);
    assert.equal(
      (await call(jobRoute.PATCH, 'PATCH', '/x', { params: { id: UNKNOWN }, body: { enabled: true } })).status,
      404,
    );
  });

  test('triggering a job OpenClaw removed is a 409 that says so', async () => {
    const { db, sim } = studio();
    const gone = sim.addJob({
      name: 'Gone soon',
      enabled: true,
      schedule: { kind: 'every', everyMs: 60_000 },
      payload: { kind: 'agentTurn', message: 'x' },
    });
    const row = await until('mirrored', () => getCronJobByExternalId(db, 'openclaw', gone.id));
    await db.transaction((tx) => markCronJobRemoved(tx, 'openclaw', gone.id));
    const res = await call(triggerRoute.POST, 'POST', `/api/cron/jobs/${row.id}/trigger`, { params: { id: row.id } });
    assert.equal(res.status, 409);
    assert.match(res.json.error.message, /removed from OpenClaw/);
  });
});
