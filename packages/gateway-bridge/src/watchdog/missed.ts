// Which of a job's expected runs did not happen: its schedule's times, each matched to a run that started
// close to it.
import { nextRuns, type ScheduleLike } from '@agent-studio/core/schedule';

/** A run that starts this much before its time still counts (clocks differ a little). */
export const EARLY_MS = 60_000;

/**
 * The expected times in (from, to] that no run in `starts` (sorted) answered: a run answers one expected time
 * `t` when it started in [t - EARLY_MS, t + graceMs]. An interval job counts from its last run, as OpenClaw
 * does (a forced run moves the next one); `anchor` is the last run before `from`.
 */
export function missedTimes(job: ScheduleLike, p: { from: Date; to: Date; starts: readonly Date[]; anchor: Date | null; graceMs: number }): Date[] {
  const every = job.schedule_kind === 'every';
  const unused = [...p.starts];
  const missed: Date[] = [];
  let cursor = p.from;
  let anchor = p.anchor ?? undefined;
  for (let guard = 0; guard < 5000; guard++) {
    const t = nextRuns(job, 1, cursor, every ? anchor : undefined)[0];
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
