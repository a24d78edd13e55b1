// Which of a job's expected runs did not happen: its schedule's times, each matched to a run that started
// close to it.
import { nextRuns, type ScheduleLike } from '@agent-studio/core/schedule/next-runs';

/** A run that starts this much before its time still counts (clocks differ a little). */
export const EARLY_MS = 60_000;

/**
 * After consecutive failed runs OpenClaw (2026.9.6, `DEFAULT_ERROR_BACKOFF_SCHEDULE_MS`) holds a job back for
 * 30 s, 1 min, 5 min, 15 min, then 60 min from the failed run's end, and runs it once when the hold ends.
 */
const OPENCLAW_ERROR_BACKOFF_MS = [30_000, 60_000, 300_000, 900_000, 3_600_000];

export interface Hold {
  from: Date;
  until: Date;
}

/** The holds OpenClaw puts on a job after its failed runs (`runs` oldest first; the streak counts from the first). */
export function errorHolds(runs: readonly { finished_at: Date | null; failed: boolean }[]): Hold[] {
  const holds: Hold[] = [];
  let streak = 0;
  for (const r of runs) {
    streak = r.failed ? streak + 1 : 0;
    if (!r.failed || !r.finished_at) continue;
    const backoff = OPENCLAW_ERROR_BACKOFF_MS[Math.min(streak, OPENCLAW_ERROR_BACKOFF_MS.length) - 1]!;
    holds.push({ from: r.finished_at, until: new Date(r.finished_at.getTime() + backoff) });
  }
  return holds;
}

/**
 * The expected times in (from, to] that no run in `starts` (sorted) answered: a run answers one expected time
 * `t` when it started in [t - EARLY_MS, t + graceMs]. An interval job counts from its last run, as OpenClaw
 * does (a forced run moves the next one); `anchor` is the last run before `from`. A time inside a hold
 * (`holds`, after failures) is expected when the hold ends, once for all the times it covers.
 */
export function missedTimes(
  job: ScheduleLike,
  p: { from: Date; to: Date; starts: readonly Date[]; anchor: Date | null; graceMs: number; holds?: readonly Hold[] },
): Date[] {
  const every = job.schedule_kind === 'every';
  const unused = [...p.starts];
  const missed: Date[] = [];
  let cursor = p.from;
  let anchor = p.anchor ?? undefined;
  for (let guard = 0; guard < 5000; guard++) {
    const scheduled = nextRuns(job, 1, cursor, every ? anchor : undefined)[0];
    const hold = scheduled && p.holds?.find((h) => scheduled > h.from && scheduled < h.until);
    const t = hold ? hold.until : scheduled;
    if (!t || t > p.to) break;
    if (every) {
      const forced = unused.find((s) => s > cursor && s.getTime() < t.getTime() - EARLY_MS);
      if (forced) {
        anchor = cursor = forced;
        continue;
      }
    }
    const i = unused.findIndex((s) => s.getTime() >= t.getTime() - EARLY_MS && s.getTime() <= t.getTime() + p.graceMs);
    if (i < 0) {
      missed.push(t);
      cursor = t;
      continue;
    }
    const [hit] = unused.splice(i, 1);
    if (every) anchor = hit;
    cursor = every ? new Date(Math.max(hit!.getTime(), t.getTime())) : t;
  }
  return missed;
}
