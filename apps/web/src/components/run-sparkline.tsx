'use client';
import { useDateFormat } from '@/components/dates/date-format';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { duration } from '@/lib/format';
import { runBarClass } from '@/lib/run-status';

interface RecentRun {
  id: string;
  status: string;
  startedAt: string;
  durationMs: number | null;
}

/** The last runs as small bars, oldest left: height is duration, colour is outcome. */
export function RunSparkline({ runs }: { runs: RecentRun[] }) {
  const fmt = useDateFormat();
  if (!runs.length) return <span className="text-xs text-muted-foreground">no runs yet</span>;
  const ordered = [...runs].reverse();
  const longest = Math.max(...ordered.map((r) => r.durationMs ?? 0), 1);
  const ok = runs.filter((r) => r.status === 'completed').length;
  return (
    <span
      className="inline-flex h-6 items-end gap-0.5"
      role="img"
      aria-label={`${ok} of the last ${runs.length} runs succeeded`}
    >
      {ordered.map((r) => (
        <span
          key={r.id}
          title={`${r.status} · ${formatDate(r.startedAt, 'datetime', fmt)} · ${duration(r.durationMs)}`}
          className={cn('w-1.5 rounded-sm', runBarClass(r.status))}
          style={{ height: `${Math.max(20, ((r.durationMs ?? longest) / longest) * 100)}%` }}
        />
      ))}
    </span>
  );
}
