import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  binomialTail,
  hourField,
  hoursInWords,
  occurrences,
  scheduleAdvice,
  type AdviceJob,
  type AdviceRun,
} from './advice';

const now = new Date('2026-06-01T00:00:00Z');
const H = 3_600_000;

const scan: AdviceJob = { id: 'a', name: 'Pricing scan', kind: 'cron', expr: '*/30 * * * *', timezone: 'UTC' };
const digest: AdviceJob = { id: 'b', name: 'Digest', kind: 'cron', expr: '0 7 * * *', timezone: 'UTC' };
const sync: AdviceJob = { id: 'c', name: 'CRM sync', kind: 'cron', expr: '7 * * * *', timezone: 'UTC' };

/** Three days of history: every job's runs at their times, with the given duration and failing hours. */
function history(job: AdviceJob, durationMs: number, failingHours: number[] = []): AdviceRun[] {
  return occurrences(job.expr!, 'UTC', new Date(now.getTime() - 3 * 24 * H))
    .filter((t) => t < now.getTime())
    .map((t) => ({
      jobId: job.id,
      startedAt: new Date(t),
      durationMs,
      ok: !failingHours.includes(new Date(t).getUTCHours()),
    }));
}

const runs = [...history(scan, 2 * 60_000), ...history(digest, 5 * 60_000), ...history(sync, 60_000, [2, 3])];

test('jobs that start in the same minute are found, with how often a week', () => {
  const { overlaps } = scheduleAdvice([scan, digest, sync], runs, now);
  assert.deepEqual(overlaps, [{ jobIds: ['a', 'b'], names: ['Pricing scan', 'Digest'], perWeek: 7, sameMinute: true }]);
});

test('the suggested cron expression removes the collisions when a week of it is replayed, keeping the number of runs', () => {
  const { suggestions } = scheduleAdvice([scan, digest, sync], runs, now);
  const s = suggestions.find((x) => x.jobId === 'a' || x.jobId === 'b')!;
  assert.match(s.effect, /7 → 0 a week/);
  // replay independently: the moved job's new starts against the other job's runs (typical durations)
  const moved =
    s.jobId === 'a'
      ? { starts: occurrences(s.schedule, 'UTC', now), ms: 2 * 60_000 }
      : { starts: occurrences(s.schedule, 'UTC', now), ms: 5 * 60_000 };
  const other =
    s.jobId === 'a'
      ? { starts: occurrences(digest.expr!, 'UTC', now), ms: 5 * 60_000 }
      : { starts: occurrences(scan.expr!, 'UTC', now), ms: 2 * 60_000 };
  const clash = moved.starts.filter((t) => other.starts.some((o) => t < o + other.ms && o < t + moved.ms));
  assert.deepEqual(clash, []);
  assert.equal(moved.starts.length, occurrences(s.jobId === 'a' ? scan.expr! : digest.expr!, 'UTC', now).length);
  assert.notEqual(s.schedule, s.current);
});

test('hours in which a job fails far more are named, and a schedule that skips them is suggested with its effect', () => {
  const { hotHours, suggestions } = scheduleAdvice([scan, digest, sync], runs, now);
  assert.deepEqual(
    hotHours.map((h) => [h.jobId, h.hours]),
    [['c', [2, 3]]],
  );
  assert.match(hotHours[0]!.reason, /100% of its runs fail at 02:00–04:00 \(UTC\), 0% at other hours/);
  const s = suggestions.find((x) => x.jobId === 'c')!;
  assert.equal(s.schedule, '7 0-1,4-23 * * *');
  assert.match(s.effect, /expected failure rate 8% → 0%; 24 → 22 runs a day/);
});

test('slow hours count too; a quiet history gives no advice; an every-15-minutes job is read as cron', () => {
  const slowRuns = history(sync, 60_000).map((r) =>
    r.startedAt.getUTCHours() === 9 ? { ...r, durationMs: 5 * 60_000 } : r,
  );
  const slow = scheduleAdvice([sync], slowRuns, now);
  assert.deepEqual(
    slow.hotHours.map((h) => h.hours),
    [[9]],
  );
  assert.match(slow.hotHours[0]!.reason, /5× longer at 09:00–10:00 \(/);
  assert.equal(slow.suggestions[0]!.schedule, '7 0-8,10-23 * * *');

  const every: AdviceJob = { id: 'e', name: 'Inbox', kind: 'every', everyMs: 15 * 60_000 };
  const quiet = scheduleAdvice([sync, every], history(sync, 60_000), now);
  assert.deepEqual([quiet.overlaps, quiet.hotHours, quiet.suggestions], [[], [], []]);
  const clash = scheduleAdvice([scan, every], [], now);
  assert.equal(clash.overlaps[0]!.perWeek, 336, 'every :00 and :30 of a week');
  assert.match(clash.suggestions[0]!.schedule, /^\d+-59\/(15|30) \* \* \* \*$/);
});

test('hour fields are compact', () => {
  assert.equal(hourField([5, 0, 1, 2, 23, 22]), '0-2,5,22-23');
  assert.equal(hoursInWords([5, 0, 1, 2, 23, 22]), '00:00–03:00, 05:00–06:00 and 22:00–24:00');
  assert.equal(hoursInWords([17]), '17:00–18:00');
});

test('the suggestions taken together leave no collisions (each is weighed with the earlier ones applied)', () => {
  const every: AdviceJob = { id: 'e', name: 'Inbox', kind: 'every', everyMs: 15 * 60_000 };
  const jobs = [scan, digest, every];
  const durations: Record<string, number> = { a: 90_000, b: 60_000, e: 95_000 };
  const hist = [
    ...history(scan, durations.a!),
    ...history(digest, durations.b!),
    ...occurrences('*/15 * * * *', 'UTC', new Date(now.getTime() - 3 * 24 * H))
      .filter((t) => t < now.getTime())
      .map((t) => ({ jobId: 'e', startedAt: new Date(t), durationMs: durations.e!, ok: true })),
  ];
  const { suggestions } = scheduleAdvice(jobs, hist, now);
  assert.ok(suggestions.length >= 2, JSON.stringify(suggestions));
  const after = jobs.map((j) => ({
    id: j.id,
    starts: occurrences(suggestions.find((s) => s.jobId === j.id)?.schedule ?? j.expr ?? '*/15 * * * *', 'UTC', now),
    ms: durations[j.id]!,
  }));
  for (const a of after)
    for (const b of after) {
      if (a.id >= b.id) continue;
      const clash = a.starts.filter((t) => b.starts.some((o) => t < o + b.ms && o < t + a.ms));
      assert.deepEqual(
        clash.map((t) => new Date(t).toISOString()).slice(0, 3),
        [],
        `${a.id} and ${b.id} after applying every suggestion`,
      );
    }
});

test('random failures spread over the day name no hour', () => {
  // 30% of runs fail at random (fixed pseudo-random sequences), three days of a half-hourly job: six runs an
  // hour of the day, where four failures in one hour happen by chance about once a day
  for (const start of [7, 11, 13, 17, 19]) {
    let seed = start;
    const rnd = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const runs = history(scan, 60_000).map((r) => ({ ...r, ok: rnd() >= 0.3 }));
    assert.deepEqual(scheduleAdvice([scan], runs, now).hotHours, [], `sequence ${start}`);
  }
});

test('binomial tail', () => {
  assert.equal(binomialTail(4, 0, 0.3), 1);
  assert.ok(Math.abs(binomialTail(4, 3, 0.3) - (4 * 0.3 ** 3 * 0.7 + 0.3 ** 4)) < 1e-12);
  assert.equal(binomialTail(3, 3, 0), 0);
});
