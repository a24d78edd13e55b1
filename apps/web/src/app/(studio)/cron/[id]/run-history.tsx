'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from '@/components/ui/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { cronRun } from '@agent-studio/core/api';
import { SuspiciousBadge } from '@/components/cron/watchdog-badges';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { api } from '@/lib/api-client';
import { duration, megabytes } from '@/lib/format';

type Run = z.infer<typeof cronRun>;
const PAGE = 100;

/**
 * The whole run history in one scrolling list: virtualized (a job that runs every minute has half a million
 * runs a year) and fetched by keyset pages as the owner scrolls. The newest page follows the live page.
 */
export function RunHistory({
  jobId,
  newest,
  nextCursor: firstCursor,
  host = false,
}: {
  jobId: string;
  newest: Run[];
  nextCursor: string | null;
  host?: boolean;
}) {
  const [older, setOlder] = useState<Run[]>([]);
  const [cursor, setCursor] = useState(firstCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parent = useRef<HTMLDivElement>(null);
  const runs = useMemo(() => {
    const seen = new Set(newest.map((r) => r.id));
    return [...newest, ...older.filter((r) => !seen.has(r.id))];
  }, [newest, older]);

  const virtualizer = useVirtualizer({
    count: runs.length + (cursor ? 1 : 0),
    getScrollElement: () => parent.current,
    estimateSize: () => 44,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (!last || last.index < runs.length - 1 || !cursor || loading || error) return;
    setLoading(true);
    api('listCronRuns', { params: { id: jobId }, query: { cursor, limit: PAGE } })
      .then((page) => {
        setOlder((o) => [...o, ...page.runs]);
        setCursor(page.nextCursor);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setLoading(false));
  }, [last, runs.length, cursor, loading, error, jobId]);

  if (!runs.length)
    return (
      <EmptyState title="No runs yet">
        {host ? 'Runs appear here as agent-studio exec records them.' : 'Runs appear here as OpenClaw reports them.'}
      </EmptyState>
    );
  return (
    <div ref={parent} className="max-h-[32rem] overflow-auto" role="list" aria-label="Runs">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((v) => {
          const r = runs[v.index];
          return (
            <div
              key={r?.id ?? 'more'}
              role="listitem"
              data-index={v.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 w-full border-b text-sm"
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {r ? (
                <div className="grid gap-1 px-4 py-2.5 md:grid-cols-[7rem_10rem_6rem_6rem_minmax(0,1fr)] md:items-center [&>*:first-child]:justify-self-start">
                  <span className="flex flex-wrap gap-1">
                    <StatusBadge status={r.status} />
                    <SuspiciousBadge reason={r.suspiciousReason} />
                  </span>
                  <Link href={`/cron/runs/${r.id}`} className="hover:underline">
                    <TimeAgo date={r.startedAt} />
                  </Link>
                  <span className="text-muted-foreground">
                    {duration(r.duration)}
                    {r.memoryPeakMb != null && <span className="block text-xs">{megabytes(r.memoryPeakMb)}</span>}
                  </span>
                  <span className="text-xs text-muted-foreground">{r.triggerType}</span>
                  <span className="min-w-0">
                    <span
                      className={
                        r.error ? 'line-clamp-2 font-mono text-xs text-danger' : 'line-clamp-2 text-muted-foreground'
                      }
                    >
                      {r.error ?? r.summary ?? ''}
                    </span>
                    {r.outputFiles.map((f) => (
                      <span key={f} className="block truncate font-mono text-xs">
                        {f}
                      </span>
                    ))}
                  </span>
                </div>
              ) : (
                <p className="px-4 py-3 text-center text-muted-foreground">
                  {error ? `Older runs could not be loaded: ${error}` : 'Loading older runs…'}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
