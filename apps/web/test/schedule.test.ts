import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dueWords, nextRunOf, nextRuns, scheduleProblem, upcomingRuns } from '@/lib/schedule';

const job = (over: Partial<Parameters<typeof nextRunOf>[0]> = {}) => ({
  schedule: '*/15 * * * *',
  timezone: 'UTC',
  schedule_kind: 'cron' as const,
  schedule_spec: {},
  enabled: true,
  source: 'openclaw',
  next_run_at: null as Date | null,
  ...over,
});
const now = new Date('2026-11-25T10:07:00Z');

test("the gateway's next run wins: staggered, or drifted after a restart", () => {
  const staggered = new Date('2026-11-25T10:15:42Z');
  assert.equal(nextRunOf(job({ next_run_at: staggered }), now), staggered);
  const drifted = new Date('2026-11-25T10:21:03Z');
  assert.equal(nextRunOf(job({ next_run_at: drifted }), now), drifted);
});

test("a gateway's next run in the past is kept (the gateway is due), not replaced by a computed future time", () => {
  const due = new Date('2026-11-25T10:02:00Z');
  assert.equal(nextRunOf(job({ next_run_at: due }), now), due);
});

test('the schedule answers only for jobs the gateway gives no time: host crontab lines, gateway jobs without one', () => {
  // a host job's next_run_at is the bridge's own, from its last read of the crontab
  assert.deepEqual(
    nextRunOf(job({ source: 'host', next_run_at: new Date('2026-11-25T09:45:00Z') }), now),
    new Date('2026-11-25T10:15:00Z'),
  );
  assert.deepEqual(nextRunOf(job(), now), new Date('2026-11-25T10:15:00Z'));
});

test("the next five runs start with the gateway's, then the schedule's after it, or after now when the gateway is due", () => {
  const iso = (ds: Date[]) => ds.map((d) => d.toISOString().slice(11, 19));
  assert.deepEqual(iso(upcomingRuns(job({ next_run_at: new Date('2026-11-25T10:15:42Z') }), 3, now)), [
    '10:15:42',
    '10:30:00',
    '10:45:00',
  ]);
  assert.deepEqual(iso(upcomingRuns(job({ next_run_at: new Date('2026-11-25T10:02:00Z') }), 3, now)), [
    '10:02:00',
    '10:15:00',
    '10:30:00',
  ]);
  const every = job({
    schedule: 'every 10m',
    schedule_kind: 'every',
    schedule_spec: { everyMs: 600_000, anchorMs: 0 },
    next_run_at: new Date('2026-11-25T10:11:30Z'),
  });
  assert.deepEqual(iso(upcomingRuns(every, 3, now)), ['10:11:30', '10:21:30', '10:31:30']);
  assert.deepEqual(upcomingRuns(job({ enabled: false, next_run_at: new Date('2026-11-25T10:15:00Z') }), 5, now), []);
});

test('a next run that has passed reads as due, in the given time zone; one ahead is left to a relative time', () => {
  const at = new Date('2026-11-25T10:02:00Z');
  const fmt = { locale: 'en-GB', timeZone: 'UTC' };
  assert.equal(dueWords(at, { now: now.getTime(), running: false, fmt, timeZone: 'UTC' }), 'due since 10:02');
  assert.equal(
    dueWords(at, { now: now.getTime(), running: false, fmt, timeZone: 'Europe/Berlin' }),
    'due since 11:02 CET',
    'a job zone not the viewer’s is named',
  );
  assert.equal(dueWords(at, { now: now.getTime(), running: true, fmt, timeZone: 'UTC' }), 'due 10:02 · running');
  assert.equal(
    dueWords(at, { now: at.getTime() + 13 * 3_600_000, running: false, fmt, timeZone: 'UTC' }),
    'due since 25 Nov 2026, 10:02',
  );
  assert.equal(
    dueWords(at, { now: at.getTime() + 13 * 3_600_000, running: false, fmt: { locale: 'en-US', timeZone: 'UTC' } }),
    'due since Nov 25, 2026, 10:02 AM',
  );
  assert.equal(dueWords(new Date('2026-11-25T10:15:00Z'), { now: now.getTime(), running: false, fmt }), null);
});

test('a paused job has no next run', () => {
  assert.equal(nextRunOf(job({ enabled: false, next_run_at: new Date('2026-11-25T10:15:00Z') }), now), null);
});

test('every-schedules count from their anchor, cron schedules honour the time zone', () => {
  const every = job({
    schedule: 'every 10m',
    schedule_kind: 'every',
    schedule_spec: { everyMs: 600_000, anchorMs: Date.parse('2026-11-25T09:03:00Z') },
  });
  assert.deepEqual(nextRuns(every, 2, now), [new Date('2026-11-25T10:13:00Z'), new Date('2026-11-25T10:23:00Z')]);
  assert.deepEqual(nextRuns(job({ schedule: '0 7 * * *', timezone: 'Europe/Berlin' }), 1, now), [
    new Date('2026-11-26T06:00:00Z'),
  ]);
});

test('an interval past the last date there is shows no runs instead of failing', () => {
  const far = job({
    schedule: 'every …',
    schedule_kind: 'every',
    schedule_spec: { everyMs: Number.MAX_SAFE_INTEGER, anchorMs: 0 },
  });
  assert.deepEqual(nextRuns(far, 5, now), []);
});

test('a schedule runs at most once a minute and at least once a year, cron patterns with seconds included', () => {
  assert.equal(scheduleProblem({ kind: 'cron', expr: '* * * * * *' }, null, now), 'Run at most once a minute.');
  assert.equal(scheduleProblem({ kind: 'cron', expr: '*/30 * * * * *' }, null, now), 'Run at most once a minute.');
  assert.equal(scheduleProblem({ kind: 'cron', expr: '0 */5 * * * *' }, null, now), null);
  assert.equal(scheduleProblem({ kind: 'cron', expr: '*/5 * * * *' }, null, now), null);
  assert.equal(scheduleProblem({ kind: 'every', everyMs: 30_000 }, null, now), 'Run at most once a minute.');
  assert.equal(
    scheduleProblem({ kind: 'every', everyMs: Number.MAX_SAFE_INTEGER }, null, now),
    'Run at least once a year.',
  );
  assert.equal(scheduleProblem({ kind: 'every', everyMs: 86_400_000 }, null, now), null);
});
