'use client';
import { useDateFormat } from '@/components/dates/date-format';
import { TimeAgo } from '@/components/ui/time-ago';
import { formatDate } from '@/lib/dates';
import { dueWords } from '@/lib/schedule';

/**
 * A job's next run (`nextRunOf`): relative while it lies ahead; once it has passed, the gateway is due, and
 * that is what is said ("due since 14:02", in the job's zone), with "running" when its run has begun.
 */
export function NextRunTime({
  at,
  running = false,
  now = Date.now(),
  timeZone,
}: {
  at: Date | null;
  running?: boolean;
  now?: number;
  timeZone?: string | null;
}) {
  const fmt = useDateFormat();
  if (!at) return <span className="text-muted-foreground">—</span>;
  const due = dueWords(at, { now, running, fmt, timeZone });
  if (!due) return <TimeAgo date={at} now={now} />;
  return (
    <time
      dateTime={at.toISOString()}
      title={`Due ${formatDate(at, 'exact', fmt, { timeZone })}; ${running ? 'its run has begun' : 'the gateway has not started it yet'}`}
      className={running ? undefined : 'text-warning'}
      suppressHydrationWarning
    >
      {due}
    </time>
  );
}
