import Link from '@/components/ui/link';
import type { CronJobRow, CronRunRow, MissedRunRow } from '@agent-studio/database';
import { cn } from '@/lib/cn';
import { clockIn, formatDate, type DateFormat } from '@/lib/dates';
import { duration } from '@/lib/format';
import { runBarClass } from '@/lib/run-status';
import { upcomingRuns } from '@/lib/schedule';

const HOUR = 3_600_000;
const SPAN = 24 * HOUR;
// the runs' marks in the legend: a status of each colour runBarClass gives, and its name there
const LEGEND = [
  ['completed', 'succeeded'],
  ['failed', 'failed'],
  ['running', 'running'],
  ['cancelled', 'cancelled'],
] as const;

/**
 * The last 24 h and the next 24 h, one row per job: past runs as bars on their real time (so overlaps show),
 * missed runs (the bridge's watchdog tells them) marked (muted once a later run succeeded), upcoming runs as ticks
 * (the first is the gateway's own next time, which lies in the past while the gateway is due). Hours and
 * times are the viewer's (`fmt`).
 */

export function CronTimeline({
  jobs,
  runs,
  missed,
  now,
  fmt,
}: {
  jobs: CronJobRow[];
  runs: CronRunRow[];
  missed: MissedRunRow[];
  now: number;
  fmt: DateFormat;
}) {
  const from = now - SPAN;
  const to = now + SPAN;
  const x = (t: number) => `${(((Math.min(Math.max(t, from), to) - from) / (to - from)) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) =>
    `max(3px, ${(((Math.min(b, to) - Math.max(a, from)) / (to - from)) * 100).toFixed(3)}%)`;
  // a tick every 6 hours of the viewer's day (00:00, 06:00…; zones are whole quarter hours apart), and now
  const quarter = HOUR / 4;
  const first = Math.ceil(from / quarter) * quarter;
  const hours = Array.from({ length: 4 * 48 }, (_, i) => first + i * quarter).filter((t) => {
    const c = clockIn(t, fmt.timeZone);
    return c.minute === 0 && c.hour % 6 === 0 && Math.abs(t - now) > 1.5 * HOUR;
  });
  const at = (d: Date | number) => formatDate(d, 'dayhour', fmt);
  const byJob = new Map<string, CronRunRow[]>();
  for (const r of runs) byJob.set(r.job_id, [...(byJob.get(r.job_id) ?? []), r]);
  const rows = jobs.filter((j) => !j.removed_at);

  return (
    <div className="overflow-x-auto">
      <div
        className="min-w-[40rem] px-4 py-3"
        role="figure"
        aria-label={`Runs of ${rows.length} jobs over the last 24 hours and the next 24 hours`}
      >
        <div className="relative ml-40 h-5 text-[10px] text-muted-foreground">
          {hours.map((h) => (
            <span key={h} className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: x(h) }}>
              {formatDate(h, clockIn(h, fmt.timeZone).hour === 0 ? 'day' : 'time', fmt)}
            </span>
          ))}
          <span className="absolute -translate-x-1/2 font-medium text-foreground" style={{ left: x(now) }}>
            now
          </span>
        </div>
        {rows.map((j) => {
          const jobRuns = byJob.get(j.id) ?? [];
          const jobMissed = missed.filter((m) => m.job_id === j.id);
          const upcoming = upcomingRuns(j, 300, new Date(now)).filter((d) => d.getTime() < to);
          return (
            <div key={j.id} className="flex h-7 items-center border-t first:border-t-0">
              <Link href={`/cron/${j.id}`} className="w-40 shrink-0 truncate pr-2 text-xs hover:underline">
                {j.name}
              </Link>
              <div className="relative h-full flex-1 bg-muted/40">
                <div className="absolute inset-y-0 w-px bg-primary" style={{ left: x(now) }} aria-hidden />
                {jobRuns.map((r) => (
                  <span
                    key={r.id}
                    title={`${r.status} · ${at(r.started_at)} · ${duration(r.duration_ms)}`}
                    className={cn(
                      'absolute top-1.5 h-4 rounded-sm opacity-90',
                      runBarClass(r.status),
                      r.status === 'running' && 'animate-pulse',
                    )}
                    style={{
                      left: x(r.started_at.getTime()),
                      width: width(r.started_at.getTime(), (r.finished_at ?? new Date(now)).getTime()),
                    }}
                  />
                ))}
                {jobMissed.map((m) => (
                  <span
                    key={m.id}
                    title={`missed: expected ${at(m.expected_at)}${m.ended_at ? ` · ended: a later run succeeded at ${at(m.ended_at)}` : ''}`}
                    className={cn(
                      'absolute top-1 -ml-1 text-xs leading-5 font-bold',
                      m.ended_at ? 'text-muted-foreground' : 'text-warning',
                    )}
                    style={{ left: x(m.expected_at.getTime()) }}
                  >
                    ×
                  </span>
                ))}
                {upcoming.map((t) => (
                  <span
                    key={t.getTime()}
                    title={`${t.getTime() > now ? 'next' : 'due since'}: ${at(t)}`}
                    className="absolute top-2 h-3 w-0.5 rounded bg-muted-foreground/60"
                    style={{ left: x(t.getTime()) }}
                  />
                ))}
              </div>
            </div>
          );
        })}
        <p className="mt-2 ml-40 flex flex-wrap gap-3 text-[11px] text-muted-foreground">
          {LEGEND.map(([status, label]) => (
            <span key={label}>
              <span className={cn('mr-1 inline-block size-2 rounded-sm', runBarClass(status))} />
              {label}
            </span>
          ))}
          <span>
            <span className="mr-1 font-bold text-warning">×</span>missed
          </span>
          <span>
            <span className="mr-1 inline-block h-2 w-0.5 bg-muted-foreground/60" />
            scheduled
          </span>
        </p>
      </div>
    </div>
  );
}
