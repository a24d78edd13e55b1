// When a job is due, from its schedule, computed with croner (the cron library OpenClaw itself uses, so the
// studio and the gateway agree). The web app shows next runs with it; the bridge's watchdog tells missed ones.
import { Cron } from 'croner';

export interface ScheduleLike {
  schedule: string;
  timezone: string | null;
  schedule_kind: 'cron' | 'every' | 'at';
  schedule_spec: Record<string, unknown>;
}

/**
 * The next `count` runs after `from`. An interval job runs on a grid from `anchor` (OpenClaw counts from the
 * job's last run, else the schedule's anchorMs).
 */
export function nextRuns(job: ScheduleLike, count: number, from = new Date(), anchor?: Date): Date[] {
  if (job.schedule_kind === 'every') {
    const every = Number(job.schedule_spec.everyMs ?? 0);
    const start = anchor?.getTime() ?? Number(job.schedule_spec.anchorMs ?? 0);
    if (!every) return [];
    const first = start + Math.max(1, Math.floor((from.getTime() - start) / every) + 1) * every;
    // an interval set elsewhere may reach past the last date there is: those runs are not shown
    return Array.from({ length: count }, (_, i) => new Date(first + i * every)).filter(
      (d) => !Number.isNaN(d.getTime()),
    );
  }
  if (job.schedule_kind === 'at') {
    const at = atTime(job);
    return at && at > from ? [at] : [];
  }
  try {
    return new Cron(job.schedule, { timezone: job.timezone ?? undefined }).nextRuns(count, from);
  } catch {
    return [];
  }
}

/** A one-shot job's time. */
export function atTime(job: ScheduleLike): Date | null {
  const raw = job.schedule_spec.atMs ?? job.schedule_spec.at;
  const at = typeof raw === 'number' || typeof raw === 'string' ? new Date(raw) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}
