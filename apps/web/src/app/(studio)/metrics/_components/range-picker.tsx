import Link from '@/components/ui/link';
import type { ResolvedRange } from '@agent-studio/core/metrics/range';
import { DateField } from '@/components/dates/date-field';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';

const PRESETS = [
  ['24h', 'Last 24 hours'],
  ['7d', '7 days'],
  ['30d', '30 days'],
] as const;

/** Preset links and a custom date form, all plain GET navigation (the range lives in the URL). */
export function RangePicker({ range, timeZone }: { range: ResolvedRange; timeZone: string }) {
  // an input's value: YYYY-MM-DD, the viewer's day
  const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone });
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Range" className="flex rounded-md border text-sm">
        {PRESETS.map(([key, label]) => (
          <Link
            key={key}
            href={`/metrics?range=${key}`}
            aria-current={range.key === key ? 'page' : undefined}
            className={cn(
              'px-3 py-1.5 first:rounded-l-md last:rounded-r-md',
              range.key === key ? 'bg-muted font-medium' : 'text-muted-foreground hover:text-foreground',
            )}
          >
            {label}
          </Link>
        ))}
      </nav>
      <form action="/metrics" className="flex flex-wrap items-center gap-2 text-sm" aria-label="Custom range">
        <input type="hidden" name="range" value="custom" />
        <label className="flex items-center gap-1">
          From{' '}
          <DateField
            type="date"
            name="from"
            required
            defaultValue={day(range.from)}
            className="rounded-md border bg-card px-2 py-1"
          />
        </label>
        <label className="flex items-center gap-1">
          to{' '}
          <DateField
            type="date"
            name="to"
            required
            defaultValue={day(new Date(range.to.getTime() - 1))}
            className="rounded-md border bg-card px-2 py-1"
          />
        </label>
        <Button type="submit" size="sm" variant={range.key === 'custom' ? 'default' : 'outline'}>
          Show
        </Button>
      </form>
    </div>
  );
}
