import { Cron } from 'croner';
import cronstrue from 'cronstrue';
import { nextRuns, type ScheduleLike } from '@agent-studio/core/schedule/next-runs';
import { formatDate, isTimeZone, type DateFormat } from './dates';

export { isTimeZone, nextRuns };

/** A schedule as the edit form and the API take it (OpenClaw's own shape; see core `scheduleSchema`). */
export type ScheduleDraft =
  { kind: 'cron'; expr: string } | { kind: 'every'; everyMs: number } | { kind: 'at'; at: string };

const MINUTE = 60_000;
const YEAR = 366 * 86_400_000;

/** What is wrong with a schedule, in words, or null when OpenClaw will take it. */
export function scheduleProblem(s: ScheduleDraft, timezone: string | null, now = new Date()): string | null {
  if (timezone && !isTimeZone(timezone)) return `“${timezone}” is not a time zone (use a name like Europe/Berlin).`;
  if (s.kind === 'every')
    return s.everyMs < MINUTE ? 'Run at most once a minute.' : s.everyMs > YEAR ? 'Run at least once a year.' : null;
  if (s.kind === 'at') {
    const at = new Date(s.at);
    if (Number.isNaN(at.getTime())) return 'Pick a date and time.';
    return at > now ? null : 'That time has already passed.';
  }
  try {
    new Cron(s.expr, { timezone: timezone ?? undefined });
  } catch (err) {
    return `Not a cron expression: ${(err as Error).message.replace(/^CronPattern: /, '')}`;
  }
  const next = nextRuns(asScheduleLike(s, timezone), 5, now);
  if (!next.length) return 'This expression never matches a future time.';
  // a pattern with seconds may run every second: held to the same once a minute as an interval
  return next.some((d, i) => i > 0 && d.getTime() - next[i - 1]!.getTime() < MINUTE)
    ? 'Run at most once a minute.'
    : null;
}

/** A draft in the shape the rest of this module reads (a job row's columns). */
export function asScheduleLike(s: ScheduleDraft, timezone: string | null): ScheduleLike {
  if (s.kind === 'cron')
    return { schedule: s.expr, timezone, schedule_kind: 'cron', schedule_spec: { kind: 'cron', expr: s.expr } };
  if (s.kind === 'every')
    return {
      schedule: `every ${s.everyMs}ms`,
      timezone,
      schedule_kind: 'every',
      schedule_spec: { kind: 'every', everyMs: s.everyMs, anchorMs: Date.now() },
    };
  return { schedule: `at ${s.at}`, timezone, schedule_kind: 'at', schedule_spec: { kind: 'at', at: s.at } };
}

/** The schedule in words ("At 07:00, Monday through Friday"), in the job's time zone. */
export function scheduleInWords(job: ScheduleLike): string {
  if (job.schedule_kind === 'every') {
    const ms = Number(job.schedule_spec.everyMs ?? 0);
    const [n, unit] =
      ms % 86_400_000 === 0
        ? [ms / 86_400_000, 'day']
        : ms % 3_600_000 === 0
          ? [ms / 3_600_000, 'hour']
          : ms % 60_000 === 0
            ? [ms / 60_000, 'minute']
            : [ms / 1000, 'second'];
    return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
  }
  if (job.schedule_kind === 'at') return `Once, ${job.schedule.replace(/^at /, 'at ')}`;
  // a host job no crontab names: it runs whenever something calls `agent-studio exec --job` with its name
  if (!job.schedule) return 'Not scheduled';
  try {
    return cronstrue.toString(job.schedule, { use24HourTimeFormat: true, verbose: false });
  } catch {
    return job.schedule;
  }
}

/** The source of the jobs OpenClaw schedules (the bridge's mirror writes it); host crontab lines are 'host'. */
const GATEWAY_SOURCE = 'openclaw';

type NextRunJob = ScheduleLike & { enabled: boolean; source: string; next_run_at: Date | null };

/**
 * When the job runs next: OpenClaw's own answer (`nextRunAtMs`, mirrored to next_run_at) whenever it has one,
 * since it alone knows its stagger, its catch-up after a restart and its backoff after errors. In the past it
 * means the gateway is due: it runs the job now, or has not started it yet (shown as "due since", never
 * replaced by a computed time). Computed from the schedule only for jobs the gateway gives no time: host
 * crontab lines (their next_run_at is the bridge's own, as old as its last read of the file) and gateway jobs
 * without one. A paused job has no next run.
 */
export function nextRunOf(job: NextRunJob, now = new Date()): Date | null {
  if (!job.enabled) return null;
  if (job.source === GATEWAY_SOURCE && job.next_run_at) return job.next_run_at;
  return nextRuns(job, 1, now)[0] ?? null;
}

/**
 * The job's next `count` runs: `nextRunOf`'s, then the schedule's after it (after now, when the gateway is
 * due). An interval job's grid counts from the gateway's time, as OpenClaw counts from the run it starts then.
 */
export function upcomingRuns(job: NextRunJob, count: number, now = new Date()): Date[] {
  const first = nextRunOf(job, now);
  if (!first || count < 1) return [];
  const rest = nextRuns(job, count - 1, first > now ? first : now, job.schedule_kind === 'every' ? first : undefined);
  return [first, ...rest];
}

const HALF_DAY = 12 * 3_600_000;

/**
 * How a next run that has passed reads ("due since 14:02"; "due 14:02 · running" once its run has begun), or
 * null while it lies ahead (shown as a relative time).
 */
export function dueWords(
  at: Date,
  p: { now: number; running: boolean; fmt: DateFormat; timeZone?: string | null },
): string | null {
  if (at.getTime() > p.now) return null;
  const recent = p.now - at.getTime() < HALF_DAY;
  const own = Boolean(p.timeZone && p.timeZone !== p.fmt.timeZone);
  const time = formatDate(at, recent ? 'time' : 'datetime', p.fmt, { timeZone: p.timeZone, zone: own });
  return p.running ? `due ${time} · running` : `due since ${time}`;
}
