'use client';
import { Archive, CalendarClock, Check, X } from 'lucide-react';
import Link from '@/components/ui/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { GtmStatus } from '@agent-studio/core/gtm';
import { StatusBadge } from '@/components/status-badge';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { Button } from '@/components/ui/button';
import { LocalTime } from '@/components/dates/date-format';
import { TimeAgo } from '@/components/ui/time-ago';
import { api, ApiError } from '@/lib/api-client';
import { contentTypeInWords } from '@/lib/format';

export interface QueueItem {
  id: string;
  title: string;
  status: GtmStatus;
  /** HTML: escaped by the query, with only <mark> added around the matches. */
  headline: string | null;
  contentType: string;
  priority: number;
  createdAt: Date;
  tags: string[];
  /** When it publishes itself (the scheduler), if it is scheduled. */
  scheduledFor: Date | null;
  /** The gateway whose workspace it came from, where there are several. */
  gateway?: string;
}

interface Outcome {
  done: number;
  verb: string;
  refused: { title: string; why: string }[];
}

/** The queue with checkboxes; a bar approves or archives the chosen items and says which could not move. */
export function QueueList({ items }: { items: QueueItem[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const toggle = (id: string) =>
    setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  // only what is still listed: an item that left the queue (moved live, elsewhere) is no longer acted on
  const selected = items.filter((i) => chosen.has(i.id)).map((i) => i.id);
  const all = items.length > 0 && selected.length === items.length;

  const run = async (action: 'approve' | 'archive') => {
    setBusy(true);
    try {
      const { results } = await api('bulkUpdateGtmOutputs', { body: { ids: selected, action } });
      const title = (id: string) => items.find((i) => i.id === id)?.title ?? id;
      const refused = results.filter((r) => !r.ok);
      setOutcome({
        done: results.length - refused.length,
        verb: action === 'approve' ? 'approved' : 'archived',
        refused: refused.map((r) => ({ title: title(r.id), why: r.error ?? 'not allowed' })),
      });
      setChosen(new Set(refused.map((r) => r.id)));
      router.refresh();
    } catch (err) {
      setOutcome({
        done: 0,
        verb: 'changed',
        refused: [{ title: 'Nothing', why: err instanceof ApiError ? err.message : 'The studio did not answer.' }],
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="flex items-center gap-3 border-b px-4 py-2 text-xs text-muted-foreground">
        <input
          id="select-all"
          type="checkbox"
          className="size-4"
          checked={all}
          onChange={() => setChosen(all ? new Set() : new Set(items.map((i) => i.id)))}
        />
        <label htmlFor="select-all">Select all on this page</label>
      </div>
      <ul className="divide-y">
        {items.map((o) => (
          <li key={o.id} className="flex items-start gap-3 px-4 hover:bg-muted/50">
            <input
              type="checkbox"
              className="mt-4 size-4 shrink-0"
              aria-label={`Select ${o.title}`}
              checked={chosen.has(o.id)}
              onChange={() => toggle(o.id)}
            />
            <Link href={`/content/${o.id}`} className="flex min-w-0 flex-1 flex-col gap-1 py-3">
              <span className="flex items-center justify-between gap-3">
                <span className="truncate font-medium">{o.title}</span>
                <span className="flex shrink-0 items-center gap-1.5">
                  <GatewayBadge name={o.gateway} />
                  <StatusBadge status={o.status} />
                </span>
              </span>
              {o.headline && (
                <span
                  className="line-clamp-2 text-sm text-muted-foreground"
                  dangerouslySetInnerHTML={{ __html: o.headline }}
                />
              )}
              <span className="text-xs text-muted-foreground">
                {contentTypeInWords(o.contentType)} · priority {o.priority} · <TimeAgo date={o.createdAt} />
                {o.tags.length ? ` · ${o.tags.map((t) => `#${t}`).join(' ')}` : ''}
              </span>
              {o.scheduledFor && o.status !== 'published' && (
                <span className="text-xs text-info">
                  <CalendarClock className="mr-1 inline size-3.5 align-[-3px]" aria-hidden />
                  publishes <LocalTime date={o.scheduledFor} style="daytime" />
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
      {(selected.length > 0 || outcome) && (
        <div
          role="region"
          aria-label="Bulk actions"
          className="sticky bottom-0 flex flex-col gap-2 border-t bg-card px-4 py-3 text-sm shadow-md"
        >
          {outcome && (
            <div role="status" className="flex flex-col gap-1">
              <p>
                {outcome.done} {outcome.verb}
                {outcome.refused.length ? `; ${outcome.refused.length} could not be:` : '.'}
              </p>
              {outcome.refused.length > 0 && (
                <ul className="list-disc pl-5 text-danger">
                  {outcome.refused.map((r) => (
                    <li key={r.title}>
                      {r.title}: {r.why}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="flex flex-wrap items-center gap-2">
            <span className="mr-auto text-muted-foreground">{selected.length} selected</span>
            <Button size="sm" disabled={busy || !selected.length} onClick={() => void run('approve')}>
              <Check aria-hidden /> Approve
            </Button>
            <Button size="sm" variant="outline" disabled={busy || !selected.length} onClick={() => void run('archive')}>
              <Archive aria-hidden /> Archive
            </Button>
            <Button size="sm" variant="ghost" onClick={() => (setChosen(new Set()), setOutcome(null))}>
              <X aria-hidden /> Clear
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
