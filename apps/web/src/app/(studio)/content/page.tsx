import { CalendarDays, FileText, Search } from 'lucide-react';
import Link from '@/components/ui/link';
import { z } from 'zod';
import { gtmStatuses } from '@agent-studio/core/gtm';
import { InvalidCursorError, listGtmContentTypes, listGtmOutputs } from '@agent-studio/database';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterForm } from '@/components/ui/filter-form';
import { FilterSelect } from '@/components/ui/filter-select';
import { Pager } from '@/components/ui/pager';
import { cn } from '@/lib/cn';
import { countLabel } from '@/lib/count-label';
import { contentTypeInWords } from '@/lib/format';
import { pageHref } from '@/lib/page-href';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';
import { QueueList } from './_components/queue-list';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Content' };

const PAGE = 50;
const filters = z.object({
  status: z.enum(gtmStatuses).optional().catch(undefined),
  type: z.string().max(100).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(['newest', 'priority']).optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});
type Filters = z.infer<typeof filters>;

const TABS = [
  { value: undefined, label: 'All' },
  ...gtmStatuses.map((s) => ({ value: s, label: s.replace('_', ' ') })),
];

function href(f: Filters, patch: Partial<Filters>) {
  return pageHref('/content', { ...f, cursor: undefined, ...patch });
}

export default async function ContentPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const f = filters.parse(params);
  const db = await getDb();
  const { gatewayId, names, fleet } = await pageGateway(db, params);
  const query = {
    status: f.status,
    type: f.type || undefined,
    search: f.q || undefined,
    sort: f.sort,
    limit: PAGE,
    gatewayId,
  };
  const [{ rows, nextCursor, total, totalKind }, types] = await Promise.all([
    // a cursor of other filters (an edited address) starts over at the first page
    listGtmOutputs(db, { ...query, cursor: f.cursor }).catch((err) =>
      err instanceof InvalidCursorError ? listGtmOutputs(db, query) : Promise.reject(err),
    ),
    listGtmContentTypes(db),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Content</h1>
        <Link
          href="/content/calendar"
          className="ml-auto flex items-center gap-1.5 rounded-md border px-3 py-1.5 text-sm hover:bg-muted"
        >
          <CalendarDays className="size-4" aria-hidden /> Publishing calendar
        </Link>
      </div>
      <nav aria-label="Status" className="flex gap-1 overflow-x-auto border-b">
        {TABS.map((t) => (
          <Link
            key={t.label}
            href={href(f, { status: t.value })}
            aria-current={f.status === t.value ? 'page' : undefined}
            className={cn(
              '-mb-px border-b-2 border-transparent px-3 py-2 text-sm whitespace-nowrap text-muted-foreground capitalize hover:text-foreground',
              f.status === t.value && 'border-primary text-foreground',
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <FilterForm className="flex flex-wrap items-center gap-2" role="search">
        {f.status && <input type="hidden" name="status" value={f.status} />}
        <label className="relative">
          <span className="sr-only">Search content</span>
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
          <input
            name="q"
            defaultValue={f.q}
            placeholder="Search titles and text"
            className="h-9 w-64 rounded-md border bg-card pr-2 pl-8 text-sm"
          />
        </label>
        <FilterSelect
          name="type"
          label="Type"
          value={f.type}
          anyLabel="All types"
          options={types.map((t) => ({ value: t, label: contentTypeInWords(t) }))}
        />
        <label>
          <span className="sr-only">Sort</span>
          <select name="sort" defaultValue={f.sort ?? 'newest'} className="h-9 rounded-md border bg-card px-2 text-sm">
            <option value="newest">Newest first</option>
            <option value="priority">Highest priority first</option>
          </select>
        </label>
        <span className="ml-auto text-sm text-muted-foreground">{countLabel(total, totalKind)} items</span>
      </FilterForm>
      <Card aria-label="Content items">
        {rows.length ? (
          <QueueList
            items={rows.map((o) => ({
              id: o.id,
              title: o.title,
              status: o.status,
              headline: o.headline,
              contentType: o.content_type,
              priority: o.priority,
              createdAt: o.created_at,
              tags: o.tags ?? [],
              scheduledFor: o.scheduled_for,
              gateway: fleet ? names.get(o.gateway_id) : undefined,
            }))}
          />
        ) : (
          <EmptyState icon={<FileText />} title={f.q ? `Nothing matches “${f.q}”` : 'Nothing here yet'}>
            {f.q || f.type || f.status
              ? 'Try another search, type or status.'
              : 'Markdown files the agents write into the GTM folder (workspace/gtm) appear here.'}
          </EmptyState>
        )}
        <Pager
          first={f.cursor ? { href: href(f, {}), label: 'First page' } : null}
          next={nextCursor ? { href: href(f, { cursor: nextCursor }), label: 'Next page' } : null}
        />
      </Card>
    </div>
  );
}
