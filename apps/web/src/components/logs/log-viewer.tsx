'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, Pause, Play } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDateFormat } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { LEVEL_TONE, LogRow } from './log-row';
import { useLogSearch, wordsPattern } from './use-log-search';
import { query, useLogWindow, type LogSource } from './use-log-window';

const LEVELS = ['debug', 'info', 'warn', 'error', 'thought'] as const;
/** A one-line row's height (rows are measured; this places the ones not drawn yet). */
const ROW = 20;
/** Rows from either end of what is read at which the next page is asked for. */
const NEAR = 40;

/**
 * A log of any length: opens at its newest lines, reads older (and newer) pages by seq as it is scrolled,
 * searches on the server and shows each match among its lines, and follows live lines while the log runs.
 * Only the rows on screen are drawn (@tanstack/react-virtual) and at most a few thousand lines are held.
 */
export function LogViewer({ source, live, height = 480 }: { source: LogSource; live: boolean; height?: number }) {
  const src = useMemo(() => ({ kind: source.kind, id: source.id }), [source.kind, source.id]);
  const fmt = useDateFormat();
  const [levels, setLevels] = useState<Set<string>>(new Set(LEVELS));
  const [tool, setTool] = useState('');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const filter = useMemo(() => ({ levels: levels.size === LEVELS.length ? null : [...levels], tool }), [levels, tool]);
  const w = useLogWindow(src, filter, live);
  const { lines, hasOlder, hasNewer, loadOlder, loadNewer, loadEnd, jumpTo } = w;
  const linesNow = useRef(lines);
  linesNow.current = lines;
  const parent = useRef<HTMLDivElement>(null);
  /** Where to scroll once the lines asked for are drawn: the end, or a line (a search match). */
  const target = useRef<'end' | string | null>('end');
  /** Pixels to move the view by once the lines are drawn (lines put above it, or dropped from above it). */
  const shift = useRef(0);
  const lastTop = useRef(0);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW,
    overscan: 20,
    getItemKey: (i) => lines[i]!.seq,
  });

  useLayoutEffect(() => {
    const el = parent.current;
    if (!el || !lines.length) return;
    if (shift.current) {
      el.scrollTop += shift.current;
      shift.current = 0;
    }
    const t = target.current ?? (follow && !hasNewer ? 'end' : null);
    if (t === null) return;
    const i = t === 'end' ? lines.length - 1 : lines.findIndex((l) => l.seq === t);
    if (i < 0) return;
    virtualizer.scrollToIndex(i, { align: t === 'end' ? 'end' : 'center' });
    // the page's edges are not read while the view moves there
    requestAnimationFrame(() => {
      if (target.current === t) target.current = null;
    });
  }, [lines, follow, hasNewer, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items.at(-1)?.index;
  useEffect(() => {
    if (target.current !== null || first === undefined || last === undefined) return;
    if (first < NEAR && hasOlder) void loadOlder((added) => (shift.current += added * ROW));
    else if (last > lines.length - NEAR && hasNewer)
      void loadNewer((removed) => (shift.current -= virtualizer.measurementsCache[removed]?.start ?? removed * ROW));
  }, [first, last, lines.length, hasOlder, hasNewer, loadOlder, loadNewer, virtualizer]);

  // a filter reads the log again from its end
  const filterKey = `${filter.levels?.join() ?? ''}|${filter.tool}`;
  const firstFilter = useRef(filterKey);
  useEffect(() => {
    if (firstFilter.current === filterKey) return;
    firstFilter.current = filterKey;
    target.current = 'end';
    void loadEnd();
  }, [filterKey, loadEnd]);

  const jump = useCallback(
    (seq: string) => {
      setFollow(false);
      target.current = seq;
      const i = linesNow.current.findIndex((l) => l.seq === seq);
      if (i >= 0) {
        virtualizer.scrollToIndex(i, { align: 'center' });
        requestAnimationFrame(() => (target.current = null));
      } else void jumpTo(seq);
    },
    [virtualizer, jumpTo],
  );
  const found = useLogSearch(src, search, query(filter), jump);
  const words = useMemo(() => (found.matches?.length ? wordsPattern(search) : null), [found.matches, search]);

  const followAgain = () => {
    setFollow(true);
    target.current = 'end';
    if (hasNewer) void loadEnd();
  };
  const toggleLevel = (l: string) =>
    setLevels((s) => (s.has(l) ? new Set([...s].filter((x) => x !== l)) : new Set([...s, l])));
  const toggleOpen = useCallback(
    (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))),
    [],
  );
  const filtered = filter.levels !== null || filter.tool !== '';

  return (
    <div className="flex flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2 text-xs">
        <fieldset className="flex flex-wrap gap-1" aria-label="Levels">
          {LEVELS.map((l) => (
            <label
              key={l}
              className={cn(
                'flex cursor-pointer items-center gap-1 rounded border px-1.5 py-1',
                levels.has(l) ? 'bg-muted' : 'opacity-60',
              )}
            >
              <input type="checkbox" className="sr-only" checked={levels.has(l)} onChange={() => toggleLevel(l)} />
              <span className={LEVEL_TONE[l]}>{l}</span>
            </label>
          ))}
        </fieldset>
        <label>
          <span className="sr-only">Tool</span>
          <select value={tool} onChange={(e) => setTool(e.target.value)} className="h-7 rounded border bg-card px-1">
            <option value="">All tools</option>
            {w.tools.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <form
          role="search"
          aria-label="Search in log"
          className="flex min-w-48 flex-1 items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            found.enter();
          }}
        >
          <label className="min-w-24 flex-1">
            <span className="sr-only">Search in log</span>
            <input
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="Search in log"
              className="h-7 w-full rounded border bg-card px-2"
            />
          </label>
          {found.matches && (
            <>
              <span className="whitespace-nowrap text-muted-foreground" data-log-matches={found.matches.length}>
                {found.error ??
                  (found.matches.length
                    ? `${found.index + 1} of ${found.matches.length}${found.more ? '+' : ''}`
                    : 'no match')}
              </span>
              <Button
                type="button"
                size="sm"
                variant="outline"
                aria-label="Older match"
                disabled={!found.matches.length || (found.index === found.matches.length - 1 && !found.more)}
                onClick={found.older}
              >
                <ArrowUp aria-hidden />
              </Button>
              <Button
                type="button"
                size="sm"
                variant="outline"
                aria-label="Newer match"
                disabled={found.index === 0}
                onClick={found.newer}
              >
                <ArrowDown aria-hidden />
              </Button>
            </>
          )}
        </form>
        {/* a finished log gets no new lines: nothing to pause or follow */}
        {w.state !== 'ended' && (
          <Button
            size="sm"
            variant="outline"
            onClick={() => (follow ? setFollow(false) : followAgain())}
            aria-pressed={follow}
          >
            {follow ? <Pause aria-hidden /> : <Play aria-hidden />}
            {follow ? 'Pause' : 'Follow'}
          </Button>
        )}
        <span role="status" className="text-muted-foreground" data-log-state={w.state}>
          {filtered && 'filtered · '}
          {w.total === null ? '' : w.total === 1 ? '1 line · ' : `${w.total.toLocaleString('en')} lines · `}
          {w.state === 'live'
            ? 'live'
            : w.state === 'ended'
              ? 'finished'
              : w.state === 'loading'
                ? 'loading…'
                : `reconnecting…${w.problem ? ` (${w.problem})` : ''}`}
        </span>
      </div>
      <div
        ref={parent}
        className="overflow-auto font-mono text-xs"
        style={{ height, overflowAnchor: 'none' }}
        onScroll={(e) => {
          // moved up by the reader (a wheel, the scroll bar, a key): stop following
          const el = e.currentTarget;
          const fromEnd = el.scrollHeight - el.scrollTop - el.clientHeight;
          if (el.scrollTop < lastTop.current - 2 && fromEnd > 2 * ROW && target.current === null) setFollow(false);
          lastTop.current = el.scrollTop;
        }}
        role="log"
        aria-label="Log lines"
        aria-busy={w.state === 'loading'}
        tabIndex={0}
      >
        {lines.length === 0 ? (
          <p className="p-4 text-muted-foreground">
            {w.state === 'loading'
              ? 'Loading the newest lines…'
              : filtered
                ? 'No line of these levels or this tool.'
                : w.state === 'ended'
                  ? 'This log is empty.'
                  : 'Waiting for lines…'}
          </p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const l = lines[v.index]!;
              const day = formatDate(l.timestamp, 'date', fmt);
              const prev = lines[v.index - 1];
              return (
                <div
                  key={v.key}
                  data-index={v.index}
                  data-line={l.line}
                  ref={virtualizer.measureElement}
                  className="absolute left-0 w-full"
                  style={{ transform: `translateY(${v.start}px)` }}
                >
                  <LogRow
                    line={l}
                    fmt={fmt}
                    open={open.has(l.id)}
                    onToggle={toggleOpen}
                    words={words}
                    current={found.current === l.seq}
                    day={prev && formatDate(prev.timestamp, 'date', fmt) === day ? null : day}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
