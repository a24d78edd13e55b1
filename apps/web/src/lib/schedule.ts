import cronstrue from 'cronstrue';
import { nextRuns, type ScheduleLike } from '@agent-studio/core/schedule';

export { nextRuns };

/** The schedule in words ("At 07:00, Monday through Friday"), in the job's time zone. */
export function scheduleInWords(job: ScheduleLike): string {
  if (job.schedule_kind === 'every') {
    const ms = Number(job.schedule_spec.everyMs ?? 0);
    const [n, unit] = ms % 86_400_000 === 0 ? [ms / 86_400_000, 'day'] : ms % 3_600_000 === 0 ? [ms / 3_600_000, 'hour'] : ms % 60_000 === 0 ? [ms / 60_000, 'minute'] : [ms / 1000, 'second'];
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

/**
 * When the job runs next: the gateway's own answer while it lies ahead (it knows about staggering and
 * catch-up), else computed from the schedule — the gateway's value stays in the past while that run is busy.
 */
export function nextRunOf(job: ScheduleLike & { enabled: boolean; next_run_at: Date | null }, now = new Date()): Date | null {
  if (!job.enabled) return null;
  if (job.next_run_at && job.next_run_at > now) return job.next_run_at;
  return nextRuns(job, 1, now)[0] ?? null;
}
