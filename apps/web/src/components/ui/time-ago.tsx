'use client';
import { useDateFormat } from '@/components/dates/date-format';
import { formatDate } from '@/lib/dates';
import { relativeTime } from '@/lib/format';

/** A relative time with the exact time on hover (and for screen readers via <time>). */
export function TimeAgo({ date, now }: { date: Date | string | null | undefined; now?: number }) {
  const fmt = useDateFormat();
  if (!date) return <span className="text-muted-foreground">—</span>;
  const iso = new Date(date).toISOString();
  return (
    <time dateTime={iso} title={formatDate(date, 'exact', fmt)} suppressHydrationWarning>
      {relativeTime(date, now)}
    </time>
  );
}
