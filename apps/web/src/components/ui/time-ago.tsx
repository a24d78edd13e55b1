import { exactTime, relativeTime } from '@/lib/format';

/** A relative time with the exact time on hover (and for screen readers via <time>). */
export function TimeAgo({ date, now }: { date: Date | string | null | undefined; now?: number }) {
  if (!date) return <span className="text-muted-foreground">—</span>;
  const iso = new Date(date).toISOString();
  return (
    <time dateTime={iso} title={exactTime(date)} suppressHydrationWarning>
      {relativeTime(date, now)}
    </time>
  );
}
