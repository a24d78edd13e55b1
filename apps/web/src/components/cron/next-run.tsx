import { TimeAgo } from '@/components/ui/time-ago';
import { exactTime } from '@/lib/format';

const HALF_DAY = 12 * 3_600_000;

/**
 * A job's next run (`nextRunOf`): relative while it lies ahead; once it has passed, the gateway is due, and
 * that is what is said ("due since 14:02"), with "running" when its run has begun.
 */
export function NextRunTime({ at, running = false, now = Date.now(), timeZone }: { at: Date | null; running?: boolean; now?: number; timeZone?: string | null }) {
  if (!at) return <span className="text-muted-foreground">—</span>;
  if (at.getTime() > now) return <TimeAgo date={at} now={now} />;
  const short = at.toLocaleString('en-GB', { timeZone: timeZone ?? undefined, ...(now - at.getTime() < HALF_DAY ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'short', timeStyle: 'short' }) });
  return (
    <time
      dateTime={at.toISOString()}
      title={running ? `Due ${exactTime(at)}; its run has begun` : `Due ${exactTime(at)}; the gateway has not started it yet`}
      className={running ? undefined : 'text-warning'}
      suppressHydrationWarning
    >
      {running ? `due ${short} · running` : `due since ${short}`}
    </time>
  );
}
