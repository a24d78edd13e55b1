// The watchdog on both drivers, on rows a mirror would write: missed runs from the schedule (once per expected
// time, across restarts), suspicious runs from the job's habits, each finding ended by a later successful run.
// Time is passed in, so nothing waits.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  addRunOutputFile,
  createGateway,
  DEFAULT_GATEWAY_ID,
  getCronRun,
  latestEventId,
  listEventsSince,
  listMissedRuns,
  listSuspiciousRuns,
  recordRunVerdicts,
  setCheckpoint,
  recordRunsKnown,
  upsertCronRun,
  type CronJobInput,
  type CronJobRow,
  type Db,
} from '@agent-studio/database';
import { describeEachDriver, testCronJob } from '@agent-studio/database/testing';
import { Watchdog } from '../src/watchdog/watchdog';
import { silentLogger as quiet } from '../src/logger';

const MIN = 60_000;
const EVERY_10_MIN = {
  schedule: '*/10 * * * *',
  scheduleKind: 'cron',
  scheduleSpec: { kind: 'cron', expr: '*/10 * * * *' },
} as const;
/** The first ten-minute mark after the jobs were made: their first expected time. */
const firstTenMinuteMark = (...jobs: CronJobRow[]) =>
  Math.ceil(Math.max(...jobs.map((j) => j.created_at.getTime())) / (10 * MIN)) * 10 * MIN;

describeEachDriver('watchdog', (get) => {
  let db: Db;
  before(() => {
    db = get().db;
  });

  let n = 0;
  async function job(
    schedule: Pick<CronJobInput, 'schedule' | 'scheduleKind' | 'scheduleSpec'>,
    extra: Partial<CronJobInput> = {},
  ): Promise<CronJobRow> {
    n++;
    const input = { name: `watched ${n}`, timezone: 'UTC', payload: { kind: 'agentTurn' }, ...schedule, ...extra };
    return db.transaction((tx) => testCronJob(tx, input));
  }
  const run = (
    jobId: string,
    startedAt: Date,
    o: { durationMs?: number; summary?: string | null; status?: 'completed' | 'failed' } = {},
  ) =>
    db.transaction(async (tx) => {
      const d = o.durationMs ?? 5_000;
      const { row } = await upsertCronRun(tx, {
        jobId,
        externalId: String(startedAt.getTime()),
        startedAt,
        finishedAt: new Date(startedAt.getTime() + d),
        durationMs: d,
        status: o.status ?? 'completed',
        summary: o.summary === undefined ? 'done' : o.summary,
      });
      return row;
    });
  const eventsSince = async (mark: string, type: string) =>
    (await listEventsSince(db, { afterId: mark, limit: 10_000 })).filter((e) => e.type === type);
  const watchdog = (knownUntil: Date | null = new Date(8_640_000_000_000)) =>
    new Watchdog({ db, logger: quiet, knownUntil: () => knownUntil, graceMs: 5 * MIN, settleMs: MIN });

  test('a cron job: each expected time without a run is missed once, with one event, also after a restart', async () => {
    const j = await job(EVERY_10_MIN);
    const base = firstTenMinuteMark(j); // the first expected time
    // runs at +0, +10 (2 min late: within grace), +40, +50; none at +20 and +30; +60 is still within its grace
    for (const [k, late] of [
      [0, 0],
      [1, 2],
      [4, 0],
      [5, 0],
    ] as const)
      await run(j.id, new Date(base + k * 10 * MIN + late * MIN));
    const mark = await latestEventId(db);
    const now = new Date(base + 63 * MIN);
    assert.deepEqual(await watchdog().check(now), { missed: 2, suspicious: 0 });
    const missed = await listMissedRuns(db, { from: new Date(0), jobId: j.id });
    assert.deepEqual(missed.map((m) => m.expected_at.getTime()).sort(), [base + 20 * MIN, base + 30 * MIN]);
    assert.equal(missed[0]!.job_name, j.name);
    const events = await eventsSince(mark, 'cron.job.missed');
    assert.deepEqual(events.map((e) => (e.payload as { expectedAt: string }).expectedAt).sort(), [
      new Date(base + 20 * MIN).toISOString(),
      new Date(base + 30 * MIN).toISOString(),
    ]);
    assert.deepEqual(
      events.map((e) => e.channel),
      [`cron:${j.id}`, `cron:${j.id}`],
    );

    // the same pass again, and a new watchdog (a restarted bridge): nothing twice
    assert.equal((await watchdog().check(now)).missed, 0);
    const later = new Date(base + 70 * MIN);
    assert.equal((await watchdog().check(later)).missed, 1, '+60 is now past its grace');
    assert.equal((await listMissedRuns(db, { from: new Date(0), jobId: j.id })).length, 3);
    assert.equal((await eventsSince(mark, 'cron.job.missed')).length, 3);
  });

  test('an interval job counts from its last run, so a forced run moves the next one', async () => {
    const j = await job({
      schedule: 'every 30m',
      scheduleKind: 'every',
      scheduleSpec: { kind: 'every', everyMs: 30 * MIN },
    });
    const t0 = j.created_at.getTime();
    await run(j.id, new Date(t0 + 30 * MIN));
    await run(j.id, new Date(t0 + 45 * MIN)); // forced: next is +75, not +60
    await run(j.id, new Date(t0 + 75 * MIN));
    // nothing at +105 or +135
    await watchdog().check(new Date(t0 + 150 * MIN));
    const missed = await listMissedRuns(db, { from: new Date(0), jobId: j.id });
    assert.deepEqual(missed.map((m) => m.expected_at.getTime()).sort(), [t0 + 105 * MIN, t0 + 135 * MIN]);
  });

  test('after failures OpenClaw holds a job back (30 s, 1, 5, 15, 60 min): the times it covers are one expected run, when it ends', async () => {
    const kept = await job(EVERY_10_MIN);
    const skipped = await job(EVERY_10_MIN);
    const host = await job(EVERY_10_MIN, { source: 'host' });
    const base = firstTenMinuteMark(kept, host);
    // failures at +0, +10, +20, +30 (each run 5 s): the fourth holds the job 15 min, to +45:05, where it fails
    // again and is held 60 min, to +105:10; then it succeeds
    const failures = [0, 10 * MIN, 20 * MIN, 30 * MIN, 45 * MIN + 5_000];
    for (const j of [kept, skipped, host])
      for (const at of failures) await run(j.id, new Date(base + at), { status: 'failed' });
    await run(kept.id, new Date(base + 105 * MIN + 10_000));
    await run(host.id, new Date(base + 105 * MIN + 10_000));
    await watchdog().check(new Date(base + 112 * MIN));
    const missedOf = async (j: CronJobRow) =>
      (await listMissedRuns(db, { from: new Date(0), jobId: j.id }))
        .map((m) => m.expected_at.getTime() - base)
        .sort((a, b) => a - b);
    assert.deepEqual(await missedOf(kept), [], 'every time inside a hold was run when the hold ended');
    assert.deepEqual(
      await missedOf(skipped),
      [105 * MIN + 10_000],
      'the run after the 60-min hold did not come: missed once',
    );
    // host cron has no backoff: its silent times are missed
    assert.deepEqual(await missedOf(host), [40 * MIN, 50 * MIN, 60 * MIN, 70 * MIN, 80 * MIN, 90 * MIN, 100 * MIN]);
  });

  test('nothing is judged beyond what the mirror is known to hold, nor for a paused job', async () => {
    const j = await job(EVERY_10_MIN);
    const paused = await job(EVERY_10_MIN, { enabled: false });
    const base = firstTenMinuteMark(j);
    const now = new Date(base + 60 * MIN);
    // the gateway not reconciled yet: no verdict at all
    await watchdog(null).check(now);
    assert.equal((await listMissedRuns(db, { from: new Date(0), jobId: j.id })).length, 0);
    // reconciled up to +21: only +0 and +10 are past their grace (+21 - 5)
    await watchdog(new Date(base + 21 * MIN)).check(now);
    assert.equal((await listMissedRuns(db, { from: new Date(0), jobId: j.id })).length, 2);
    assert.equal((await listMissedRuns(db, { from: new Date(0), jobId: paused.id })).length, 0);
  });

  test('a successful run that produced nothing it usually produces is suspicious, once', async () => {
    const j = await job({
      schedule: '0 7 * * *',
      scheduleKind: 'cron',
      scheduleSpec: { kind: 'cron', expr: '0 7 * * *' },
    });
    const t0 = Date.now() - 10 * 3_600_000;
    for (let i = 0; i < 3; i++) {
      const r = await run(j.id, new Date(t0 + i * 3_600_000));
      await db.transaction((tx) => addRunOutputFile(tx, r.id, `/gtm/blog/post-${i}.md`));
    }
    const noFile = await run(j.id, new Date(t0 + 3 * 3_600_000));
    const empty = await run(j.id, new Date(t0 + 4 * 3_600_000 + 1), { summary: '  ' });
    await db.transaction((tx) => addRunOutputFile(tx, empty.id, '/gtm/blog/post-4.md'));
    const failed = await run(j.id, new Date(t0 + 5 * 3_600_000), { status: 'failed', summary: null });
    const fresh = await run(j.id, new Date(Date.now() - 10_000), { durationMs: 1000 }); // finished within the settle time
    const mark = await latestEventId(db);
    const w = watchdog();
    await w.check();
    assert.match(
      (await getCronRun(db, noFile.id))!.suspicious_reason ?? '',
      /no output file, though 3 of its last 3 runs wrote one/,
    );
    assert.equal((await getCronRun(db, empty.id))!.suspicious_reason, 'an empty summary');
    assert.equal((await getCronRun(db, failed.id))!.suspicious_reason, null, 'a failed run is failed, not suspicious');
    assert.equal((await getCronRun(db, fresh.id))!.watchdog_checked_at, null, 'not judged before its files can arrive');
    const events = await eventsSince(mark, 'cron.run.suspicious');
    assert.deepEqual(events.map((e) => (e.payload as { runId: string }).runId).sort(), [noFile.id, empty.id].sort());
    await w.check();
    assert.equal((await eventsSince(mark, 'cron.run.suspicious')).length, 2, 'each run is judged once');
  });

  test('missed runs end when a later run of the job succeeds (not a failed or skipped one), saying when and which run', async () => {
    const j = await job(EVERY_10_MIN);
    const base = firstTenMinuteMark(j);
    await run(j.id, new Date(base));
    // nothing at +10 and +20
    await watchdog().check(new Date(base + 26 * MIN));
    const open = () => listMissedRuns(db, { from: new Date(0), jobId: j.id, open: true });
    assert.equal((await open()).length, 2);
    await run(j.id, new Date(base + 30 * MIN), { status: 'failed' });
    await run(j.id, new Date(base + 40 * MIN), { summary: 'skipped' });
    assert.equal((await open()).length, 2, 'a failed run and a skipped one end nothing');

    const ok = await run(j.id, new Date(base + 50 * MIN));
    assert.deepEqual(await open(), [], 'ended the moment the successful run is written, before any watchdog pass');
    const all = await listMissedRuns(db, { from: new Date(0), jobId: j.id });
    assert.deepEqual(
      all.map((m) => [m.ended_at?.getTime(), m.ended_by_run_id]),
      [
        [ok.finished_at!.getTime(), ok.id],
        [ok.finished_at!.getTime(), ok.id],
      ],
    );

    // judged again (a later pass, a restarted bridge, a lost checkpoint): the window is not re-opened
    const mark = await latestEventId(db);
    await watchdog().check(new Date(base + 56 * MIN));
    await setCheckpoint(db, 'watchdog', `job:${j.id}`, null);
    await watchdog().check(new Date(base + 56 * MIN));
    assert.deepEqual(await open(), []);
    assert.equal((await listMissedRuns(db, { from: new Date(0), jobId: j.id })).length, 2);
    assert.deepEqual(
      (await eventsSince(mark, 'cron.job.missed')).filter((e) => e.channel === `cron:${j.id}`),
      [],
    );
  });

  test('a miss recorded after a later run already succeeded (the pass came late) is born ended', async () => {
    const j = await job(EVERY_10_MIN);
    const base = firstTenMinuteMark(j);
    await run(j.id, new Date(base));
    const ok = await run(j.id, new Date(base + 30 * MIN)); // +10 and +20 never ran; the backfill brought +30 first
    const mark = await latestEventId(db);
    await watchdog().check(new Date(base + 36 * MIN));
    assert.equal(
      (await eventsSince(mark, 'cron.job.missed')).filter((e) => e.channel === `cron:${j.id}`).length,
      2,
      'the misses are still told',
    );
    assert.deepEqual(await listMissedRuns(db, { from: new Date(0), jobId: j.id, open: true }), []);
    assert.deepEqual(
      (await listMissedRuns(db, { from: new Date(0), jobId: j.id })).map((m) => m.ended_by_run_id),
      [ok.id, ok.id],
    );
  });

  test('a suspicious run ends when a later run succeeds and is judged not suspicious', async () => {
    const j = await job({
      schedule: '0 * * * *',
      scheduleKind: 'cron',
      scheduleSpec: { kind: 'cron', expr: '0 * * * *' },
    });
    const t0 = Date.now() - 10 * 3_600_000;
    const judge = (r: { id: string; job_id: string }, reason: string | null) =>
      db.transaction((tx) => recordRunVerdicts(tx, [{ run: r, reason }]));
    const open = async () =>
      (await listSuspiciousRuns(db, { since: new Date(0), jobId: j.id, open: true })).map((r) => r.id);
    const empty = await run(j.id, new Date(t0), { summary: '' });
    await judge(empty, 'an empty summary');
    assert.deepEqual(await open(), [empty.id]);

    const alsoEmpty = await run(j.id, new Date(t0 + 3_600_000), { summary: '' });
    assert.deepEqual(
      await open(),
      [empty.id],
      'a completed run not judged yet ends nothing (its verdict may be "suspicious")',
    );
    await judge(alsoEmpty, 'an empty summary');
    assert.deepEqual(await open(), [alsoEmpty.id, empty.id], 'a suspicious run is no success');

    const ok = await run(j.id, new Date(t0 + 2 * 3_600_000));
    await judge(ok, null);
    assert.deepEqual(await open(), []);
    const [ended] = await listSuspiciousRuns(db, { since: new Date(0), runId: empty.id });
    assert.deepEqual(
      [ended!.id, ended!.ended_at?.getTime(), ended!.ended_by_run_id],
      [empty.id, ok.finished_at!.getTime(), ok.id],
    );
  });
  test("in a fleet, each gateway's jobs are judged up to that gateway's last reconcile, as its bridge recorded it", async () => {
    const far = await createGateway(db, 'far');
    const here = await job(EVERY_10_MIN);
    const there = await job(EVERY_10_MIN, { gatewayId: far.id });
    const base = firstTenMinuteMark(here, there);
    const now = new Date(base + 33 * MIN);
    const missedOf = async (j: CronJobRow) => (await listMissedRuns(db, { from: new Date(0), jobId: j.id })).length;
    const reconciled = (gatewayId: string) => recordRunsKnown(db, gatewayId, now);
    // the default gateway's bridge has reconciled; far's never has (its bridge away since before the jobs)
    await reconciled(DEFAULT_GATEWAY_ID);
    const fleetWatchdog = new Watchdog({ db, logger: quiet, graceMs: 5 * MIN, settleMs: MIN });
    await fleetWatchdog.check(now);
    assert.equal(await missedOf(here), 3, '+0, +10, +20 (+30 is within its grace)');
    assert.equal(await missedOf(there), 0, "far's runs are not known yet: nothing judged");
    await reconciled(far.id);
    await fleetWatchdog.check(now);
    assert.equal(await missedOf(there), 3);
  });
});
