import { ArrowLeft, CalendarDays, ChevronLeft, ChevronRight } from 'lucide-react';
import { CALENDAR_LIMIT, listGtmCalendar, type GtmCalendarEntry } from '@agent-studio/database';
import { LocalTime } from '@/components/dates/date-format';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import Link from '@/components/ui/link';
import { dayKey, monthParam, monthWeeks, shiftMonth } from '@/lib/calendar-month';
import { cn } from '@/lib/cn';
import { contentTypeInWords } from '@/lib/format';
import { getDateFormat } from '@/server/date-format';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Publishing calendar' };

const DAY_MS = 86_400_000;
// any Monday: the weekday names in the viewer's language
const MONDAY = Date.UTC(2024, 0, 1);

function Entry({ e }: { e: GtmCalendarEntry }) {
  return (
    <Link
      href={`/content/${e.id}`}
      title={`${e.title} (${contentTypeInWords(e.content_type)}, ${e.kind === 'published' ? 'published' : e.status.replace('_', ' ')})`}
      className="flex min-w-0 items-center gap-1.5 rounded px-1 py-0.5 text-xs hover:bg-muted"
    >
      <span
        aria-hidden
        className={cn('size-2 shrink-0 rounded-full', e.kind === 'published' ? 'bg-success' : 'bg-primary')}
      />
      <LocalTime date={e.at} style="time" className="shrink-0 text-muted-foreground tabular-nums" />
      <span className="truncate">{e.title}</span>
      <span className="sr-only">{e.kind === 'published' ? ', published' : ', publishes then'}</span>
    </Link>
  );
}

/** What publishes itself when, and what went out, by day of a month in the viewer's zone. */
export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const fmt = await getDateFormat();
  const today = dayKey(new Date(), fmt.timeZone);
  const params = await searchParams;
  const month = monthParam.parse(params.month) ?? today.slice(0, 7);
  const db = await getDb();
  const { gatewayId } = await pageGateway(db, params);
  const [y, m] = month.split('-').map(Number) as [number, number];
  // a day either side of the month in UTC covers it in every zone; each entry is then placed by its local day
  const entries = await listGtmCalendar(db, {
    from: new Date(Date.UTC(y, m - 1, 1) - DAY_MS),
    to: new Date(Date.UTC(y, m, 1) + DAY_MS),
    gatewayId,
  });
  const byDay = new Map<string, GtmCalendarEntry[]>();
  for (const e of entries.slice(0, CALENDAR_LIMIT)) {
    const key = dayKey(e.at, fmt.timeZone);
    if (key.startsWith(month)) byDay.set(key, [...(byDay.get(key) ?? []), e]);
  }
  const shown = [...byDay.values()].reduce((n, d) => n + d.length, 0);
  const title = new Intl.DateTimeFormat(fmt.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
  const weekday = (i: number, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(fmt.locale, { weekday: style, timeZone: 'UTC' }).format(MONDAY + i * DAY_MS);
  const dayTitle = (key: string) =>
    new Intl.DateTimeFormat(fmt.locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${key}T00:00:00Z`),
    );
  const monthLink = (delta: number) => `/content/calendar?month=${shiftMonth(month, delta)}`;

  return (
    <div className="flex flex-col gap-4">
      <Link href="/content" className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:underline">
        <ArrowLeft className="size-4" aria-hidden /> Content
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Publishing calendar</h1>
        <nav aria-label="Month" className="ml-auto flex items-center gap-1">
          <Link href={monthLink(-1)} aria-label="Previous month" className="rounded-md p-2 hover:bg-muted">
            <ChevronLeft className="size-4" aria-hidden />
          </Link>
          <span className="min-w-36 text-center font-medium" aria-live="polite">
            {title}
          </span>
          <Link href={monthLink(1)} aria-label="Next month" className="rounded-md p-2 hover:bg-muted">
            <ChevronRight className="size-4" aria-hidden />
          </Link>
          {month !== today.slice(0, 7) && (
            <Link href="/content/calendar" className="rounded-md px-2 py-1 text-sm text-primary hover:underline">
              This month
            </Link>
          )}
        </nav>
      </div>
      <p className="flex flex-wrap gap-4 text-sm text-muted-foreground">
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="size-2 rounded-full bg-primary" /> publishes itself then (scheduled)
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden className="size-2 rounded-full bg-success" /> published then
        </span>
        <span>
          Times in {fmt.timeZone}. {shown} {shown === 1 ? 'item' : 'items'} this month
          {entries.length > CALENDAR_LIMIT && ` (the first ${CALENDAR_LIMIT.toLocaleString('en')} shown)`}.
        </span>
      </p>

      {/* a month grid where there is room for it */}
      <Card aria-label={`${title}, by day`} className="hidden md:block">
        <table className="w-full table-fixed border-collapse text-sm">
          <thead>
            <tr>
              {Array.from({ length: 7 }, (_, i) => (
                <th key={i} scope="col" className="border-b px-2 py-1.5 text-left font-medium text-muted-foreground">
                  <abbr title={weekday(i, 'long')} className="no-underline">
                    {weekday(i, 'short')}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(month).map((week, w) => (
              <tr key={w}>
                {week.map((key, d) =>
                  key ? (
                    <td
                      key={key}
                      aria-label={dayTitle(key)}
                      className={cn(
                        'h-24 border-t border-l p-1 align-top first:border-l-0',
                        key === today && 'bg-muted/50',
                      )}
                    >
                      <div
                        className={cn(
                          'mb-1 px-1 text-xs tabular-nums',
                          key === today ? 'font-semibold text-primary' : 'text-muted-foreground',
                        )}
                      >
                        {Number(key.slice(8))}
                      </div>
                      {(byDay.get(key) ?? []).map((e) => (
                        <Entry key={`${e.kind}-${e.id}`} e={e} />
                      ))}
                    </td>
                  ) : (
                    <td key={`pad-${d}`} className="border-t border-l bg-muted/20 first:border-l-0" />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      {/* on a phone, the days that have something, as a list */}
      <Card aria-label={`${title}, day by day`} className="md:hidden">
        {byDay.size ? (
          <ol className="divide-y">
            {[...byDay.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, list]) => (
                <li key={key} className="px-3 py-2">
                  <h2 className={cn('mb-1 text-sm font-medium', key === today && 'text-primary')}>{dayTitle(key)}</h2>
                  {list.map((e) => (
                    <Entry key={`${e.kind}-${e.id}`} e={e} />
                  ))}
                </li>
              ))}
          </ol>
        ) : null}
      </Card>
      {!byDay.size && (
        <EmptyState icon={<CalendarDays />} title={`Nothing publishes in ${title}`}>
          Approve an item and give it a publish time (its Workflow panel), and it appears here on its day.
        </EmptyState>
      )}
    </div>
  );
}
