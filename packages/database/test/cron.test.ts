// Mirroring cron jobs and runs: repeated observations are no-ops, runs only move forward, and the job's
// summary columns follow its runs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  countActiveSessions,
  createGateway,
  cronSuccessRate,
  getCronJob,
  listCronRuns,
  markCronJobRemoved,
  upsertCronJob,
  upsertAgentSession,
  upsertCronRun,
  upsertCronRuns,
  type CronJobInput,
  type CronRunInput,
  type CronRunRow,
  type Db,
} from '../src/index';
import { eventMark, types } from './helpers';

const jobInput = (over: Partial<CronJobInput> = {}): CronJobInput => ({
  source: 'openclaw',
  externalId: randomUUID(),
  name: 'Daily digest',
  schedule: '0 7 * * *',
  timezone: 'Europe/Berlin',
  command: 'write the digest',
  enabled: true,
  scheduleKind: 'cron',
  scheduleSpec: { kind: 'cron', expr: '0 7 * * *', tz: 'Europe/Berlin' },
  payload: { kind: 'agentTurn', message: 'write the digest' },
  nextRunAt: new Date('2024-06-02T05:00:00Z'),
  ...over,
});

const newJob = async (db: Db) => (await upsertCronJob(db, jobInput())).row;
const run = (db: Db, input: CronRunInput) => db.transaction((tx) => upsertCronRun(tx, input));

describeEachDriver('cron', (get) => {
  test('upsertCronJob: an identical observation changes nothing and emits nothing', async () => {
    const { db } = get();
    const input = jobInput();
    const first = await upsertCronJob(db, input);
    assert.deepEqual([first.created, first.changed], [true, true]);

    const mark = await eventMark(db);
    const again = await upsertCronJob(db, {
      ...input,
      scheduleSpec: { ...input.scheduleSpec },
      nextRunAt: new Date(input.nextRunAt!),
    });
    assert.deepEqual([again.created, again.changed], [false, false]);
    assert.equal(again.row.id, first.row.id);
    assert.deepEqual(await mark.since(), []);

    const renamed = await upsertCronJob(db, { ...input, name: 'Morning digest' });
    assert.deepEqual([renamed.created, renamed.changed, renamed.row.name], [false, true, 'Morning digest']);
    assert.deepEqual(types(await mark.since()), ['cron.job.updated']);
  });

  test('upsertCronJob: a changed description is an update', async () => {
    const { db } = get();
    const input = jobInput({ description: 'Summarises the news.' });
    await upsertCronJob(db, input);
    const edited = await upsertCronJob(db, { ...input, description: 'Summarises the news and the weather.' });
    assert.equal(edited.changed, true);
    assert.equal(edited.row.description, 'Summarises the news and the weather.');
    assert.equal(
      (await upsertCronJob(db, { ...input, description: null })).changed,
      false,
      'an observer that does not know it keeps it',
    );
  });

  test('markCronJobRemoved disables the job once; observing it again brings it back', async () => {
    const { db } = get();
    const input = jobInput();
    const { row } = await upsertCronJob(db, input);
    const mark = await eventMark(db);

    assert.equal(await markCronJobRemoved(db, input.source, input.externalId), true);
    assert.equal(await markCronJobRemoved(db, input.source, input.externalId), false);
    const removed = await getCronJob(db, row.id);
    assert.ok(removed?.removed_at instanceof Date);
    assert.equal(removed?.enabled, false);
    assert.deepEqual(types(await mark.since()), ['cron.job.removed']);

    const back = await upsertCronJob(db, input);
    assert.equal(back.changed, true);
    assert.equal(back.row.removed_at, null);
    assert.equal(back.row.enabled, true);
  });

  test('a run: started then completed, and a late "running" does not move it back', async () => {
    const { db } = get();
    const job = await newJob(db);
    const mark = await eventMark(db);
    const base = { jobId: job.id, externalId: 'run-1', startedAt: new Date('2024-06-01T07:00:00Z') };

    const started = await run(db, { ...base, status: 'running' });
    assert.deepEqual([started.created, started.changed], [true, true]);
    let current = await getCronJob(db, job.id);
    assert.equal(current?.last_status, 'running');

    const done = await run(db, {
      ...base,
      status: 'completed',
      finishedAt: new Date('2024-06-01T07:00:42Z'),
      durationMs: 42_000,
      summary: 'ok',
    });
    assert.deepEqual([done.created, done.changed, done.row.id], [false, true, started.row.id]);

    const late = await run(db, { ...base, status: 'running' });
    assert.equal(late.changed, false);
    assert.equal(late.row.status, 'completed');
    assert.equal(
      (await run(db, { ...base, status: 'completed', durationMs: 42_000 })).changed,
      false,
      'a repeat is a no-op',
    );

    const events = await mark.since([`cron:${job.id}`]);
    assert.deepEqual(types(events), ['cron.run.started', 'cron.run.completed']);
    assert.deepEqual(events[1]?.payload, {
      jobId: job.id,
      runId: started.row.id,
      status: 'success',
      duration: 42_000,
      outputFiles: [],
    });

    current = await getCronJob(db, job.id);
    assert.equal(current?.last_status, 'success');
    assert.equal(current?.last_duration_ms, 42_000);
    assert.deepEqual(current?.last_run_at, base.startedAt);
    assert.deepEqual(
      current?.recent_runs.map((r) => [r.id, r.status]),
      [[started.row.id, 'completed']],
    );
  });

  test("the job's last_* and recent_runs follow its newest runs", async () => {
    const { db } = get();
    const job = await newJob(db);
    const at = (h: number) => new Date(Date.UTC(2024, 5, 1, h));
    for (let h = 0; h < 12; h++) {
      await run(db, {
        jobId: job.id,
        externalId: `r${h}`,
        startedAt: at(h),
        status: h === 11 ? 'failed' : 'completed',
        error: h === 11 ? 'Rate limit (429)' : null,
      });
    }
    const current = await getCronJob(db, job.id);
    assert.equal(current?.last_status, 'failed');
    assert.equal(current?.last_error, 'Rate limit (429)');
    assert.equal(current?.recent_runs.length, 10);
    assert.deepEqual(
      current?.recent_runs.map((r) => new Date(r.startedAt).getTime()),
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((h) => at(h).getTime()),
    );
  });

  test('listCronRuns pages over 120 runs: each exactly once, newest first', async () => {
    const { db } = get();
    const job = await newJob(db);
    await db.transaction(async (tx) => {
      // three runs per second, so pages also break inside equal started_at values
      for (let i = 0; i < 120; i++) {
        await upsertCronRun(tx, {
          jobId: job.id,
          externalId: `p${i}`,
          startedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, Math.floor(i / 3))),
          status: 'completed',
        });
      }
    });
    const seen: CronRunRow[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCronRuns(db, { jobId: job.id, limit: 25, cursor });
      seen.push(...page.rows);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);

    assert.equal(pages, 5);
    assert.equal(seen.length, 120);
    assert.equal(new Set(seen.map((r) => r.id)).size, 120);
    const newestFirst = [...seen].sort(
      (a, b) => b.started_at.getTime() - a.started_at.getTime() || (a.id < b.id ? 1 : -1),
    );
    assert.deepEqual(
      seen.map((r) => r.id),
      newestFirst.map((r) => r.id),
    );
  });

  test('cronSuccessRate counts finished runs since a time', async () => {
    const { db } = get();
    const job = await newJob(db);
    // far from the other tests' runs, so the window holds only these
    const at = (m: number) => new Date(Date.UTC(2030, 0, 1, 0, m));
    await run(db, {
      jobId: job.id,
      externalId: 'before',
      startedAt: new Date(Date.UTC(2029, 11, 31)),
      status: 'failed',
    });
    const statuses = ['completed', 'completed', 'completed', 'failed', 'timeout', 'running'] as const;
    for (const [i, status] of statuses.entries())
      await run(db, { jobId: job.id, externalId: `s${i}`, startedAt: at(i), status });

    assert.deepEqual(await cronSuccessRate(db, { since: at(0) }), { total: 5, succeeded: 3, rate: 0.6 });
    assert.deepEqual(await cronSuccessRate(db, { since: new Date(Date.UTC(2031, 0, 1)) }), {
      total: 0,
      succeeded: 0,
      rate: null,
    });
  });

  test('a gateway’s success rate and active agents (the dashboard of one gateway of a fleet) are its own', async () => {
    const { db } = get();
    const far = await createGateway(db, `far-${randomUUID().slice(0, 6)}`);
    const job = await newJob(db);
    const farJob = (await upsertCronJob(db, { ...jobInput(), gatewayId: far.id })).row;
    const at = (m: number) => new Date(Date.UTC(2032, 0, 1, 0, m));
    await run(db, { jobId: job.id, externalId: 'here', startedAt: at(0), status: 'completed' });
    await run(db, { jobId: farJob.id, externalId: 'far-1', startedAt: at(1), status: 'failed' });
    await run(db, { jobId: farJob.id, externalId: 'far-2', startedAt: at(2), status: 'completed' });
    assert.deepEqual(await cronSuccessRate(db, { since: at(0), gatewayId: far.id }), {
      total: 2,
      succeeded: 1,
      rate: 0.5,
    });
    assert.equal((await cronSuccessRate(db, { since: at(0) })).total, 3, 'every gateway’s');

    const session = (key: string, gatewayId?: string) =>
      upsertAgentSession(db, { sessionKey: key, agentName: key, agentType: 'singleton', status: 'running', gatewayId });
    const before = await countActiveSessions(db);
    await session(`agent:main:${randomUUID()}`, far.id);
    await session(`agent:main:${randomUUID()}`);
    assert.equal(await countActiveSessions(db, far.id), 1);
    assert.equal(await countActiveSessions(db), before + 2);
  });

  test('upsertCronRuns: a page of runs, one of them seen twice, lands like the runs one by one', async () => {
    const { db } = get();
    const job = await newJob(db);
    const at = (h: number) => new Date(Date.UTC(2024, 5, 1, h));
    const base = { jobId: job.id, status: 'running' as const };
    await run(db, {
      ...base,
      externalId: 'done',
      startedAt: at(1),
      finishedAt: at(2),
      status: 'completed',
      summary: 'ok',
    });
    const mark = await eventMark(db);

    const results = await db.transaction((tx) =>
      upsertCronRuns(tx, [
        { ...base, externalId: 'new', startedAt: at(3) },
        { ...base, externalId: 'done', startedAt: at(1) }, // late "running": not moved back
        {
          ...base,
          externalId: 'new',
          startedAt: at(3),
          finishedAt: at(4),
          status: 'failed',
          error: 'boom',
          durationMs: 3_600_000,
        },
        { ...base, externalId: 'other', startedAt: at(5), finishedAt: at(6), status: 'completed', summary: 'ok' },
      ]),
    );
    assert.deepEqual(
      results.map((r) => [r.row.external_id, r.row.status, r.created, r.changed]),
      [
        ['new', 'running', true, true],
        ['done', 'completed', false, false],
        ['new', 'failed', false, true],
        ['other', 'completed', true, true],
      ],
    );
    const events = await mark.since();
    assert.deepEqual(types(events), [
      'cron.run.started',
      'cron.run.completed',
      'cron.run.started',
      'cron.run.completed',
    ]);
    assert.deepEqual(
      events.map((e) => (e.payload as { runId: string }).runId),
      [results[0]!.row.id, results[0]!.row.id, results[3]!.row.id, results[3]!.row.id],
    );
    const after = (await getCronJob(db, job.id))!;
    assert.deepEqual(
      [after.last_status, after.recent_runs.map((r) => r.status)],
      ['success', ['completed', 'failed', 'completed']],
    );

    const again = await eventMark(db);
    const repeat = await db.transaction((tx) =>
      upsertCronRuns(tx, [
        { ...base, externalId: 'other', startedAt: at(5), finishedAt: at(6), status: 'completed', summary: 'ok' },
      ]),
    );
    assert.deepEqual(
      repeat.map((r) => r.changed),
      [false],
    );
    assert.deepEqual(await again.since(), []);
  });
});
