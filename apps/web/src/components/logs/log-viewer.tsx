'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ChevronDown, ChevronRight, Pause, Play } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { z } from 'zod';
import type { agentLog } from '@agent-studio/core/api';
import { useDateFormat } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/dates';
import { AnsiText } from './ansi-text';

type Line = z.infer<typeof agentLog>;
const LEVELS = ['debug', 'info', 'warn', 'error', 'thought'] as const;
const LEVEL_TONE: Record<string, string> = {
  error: 'text-danger',
  warn: 'text-warning',
  debug: 'text-muted-foreground',
  thought: 'text-info',
  info: 'text-foreground',
};

/**
 * A live log: reads the SSE log stream (stored lines, then live ones), virtualized so 100k lines stay smooth,
 * with level and tool filters, search, follow/pause, line numbers and folded tool input/output.
 */
export function LogViewer({ streamUrl, height = 480 }: { streamUrl: string; height?: number }) {
  const [lines, setLines] = useState<Line[]>([]);
  const fmt = useDateFormat();
  const [state, setState] = useState<'loading' | 'live' | 'ended' | 'reconnecting'>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [levels, setLevels] = useState<Set<string>>(new Set(LEVELS));
  const [tool, setTool] = useState('');
  const [search, setSearch] = useState('');
  const [follow, setFollow] = useState(true);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const buffer = useRef<Line[]>([]);
  const parent = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const source = new EventSource(streamUrl);
    // lines arrive in bursts (a replay of thousands): applied once per frame
    let frame = 0;
    const flush = () => {
      frame = 0;
      const batch = buffer.current;
      buffer.current = [];
      setLines((all) => all.concat(batch));
    };
    source.addEventListener('log', (m) => {
      buffer.current.push(JSON.parse((m as MessageEvent<string>).data) as Line);
      frame ||= requestAnimationFrame(flush);
    });
    source.addEventListener('end', () => {
      setState('ended');
      source.close();
    });
    source.onopen = () => {
      setProblem(null);
      setState((s) => (s === 'ended' ? s : 'live'));
    };
    source.onerror = (e) => {
      // the server's own `error` event says what went wrong; a dropped connection says nothing
      const data = (e as MessageEvent<string>).data;
      if (data) setProblem((JSON.parse(data) as { message?: string }).message ?? null);
      setState((s) => (s === 'ended' ? s : 'reconnecting'));
    };
    return () => {
      cancelAnimationFrame(frame);
      source.close();
    };
  }, [streamUrl]);

  const tools = useMemo(() => [...new Set(lines.flatMap((l) => (l.toolName ? [l.toolName] : [])))].sort(), [lines]);
  const needle = search.trim().toLowerCase();
  const numbered = useMemo(() => lines.map((l, i) => ({ line: l, n: i + 1 })), [lines]);
  const shown = useMemo(
    () =>
      numbered.filter(
        ({ line: l }) =>
          levels.has(l.level) &&
          (!tool || l.toolName === tool) &&
          (!needle || l.message.toLowerCase().includes(needle)),
      ),
    [numbered, levels, tool, needle],
  );

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 24,
    overscan: 20,
  });
  useEffect(() => {
    if (follow && shown.length) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' });
  }, [follow, shown.length, virtualizer]);

  const toggleLevel = (l: string) =>
    setLevels((s) => (s.has(l) ? new Set([...s].filter((x) => x !== l)) : new Set([...s, l])));

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
            {tools.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="min-w-32 flex-1">
          <span className="sr-only">Search in log</span>
          <input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Search in log"
            className="h-7 w-full rounded border bg-card px-2"
          />
        </label>
        {/* a finished log gets no new lines: nothing to pause or follow */}
        {state !== 'ended' && (
          <Button size="sm" variant="outline" onClick={() => setFollow((f) => !f)} aria-pressed={follow}>
            {follow ? <Pause aria-hidden /> : <Play aria-hidden />}
            {follow ? 'Pause' : 'Follow'}
          </Button>
        )}
        <span role="status" className="text-muted-foreground" data-log-state={state}>
          {shown.length === lines.length ? '' : `${shown.length} of `}
          {lines.length === 1 ? '1 line' : `${lines.length} lines`} ·{' '}
          {state === 'live'
            ? 'live'
            : state === 'ended'
              ? 'finished'
              : state === 'loading'
                ? 'loading…'
                : `reconnecting…${problem ? ` (${problem})` : ''}`}
        </span>
      </div>
      <div
        ref={parent}
        className="overflow-auto font-mono text-xs"
        style={{ height }}
        onWheel={() => setFollow(false)}
        role="log"
        aria-label="Log lines"
      >
        {lines.length === 0 ? (
          <p className="p-4 text-muted-foreground">{state === 'ended' ? 'This log is empty.' : 'Waiting for lines…'}</p>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const { line: l, n } = shown[v.index]!;
              const foldable = l.toolInput != null || l.toolOutput != null;
              const isOpen = open.has(l.id);
              return (
                <div
                  key={l.id}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  className={cn(
                    'absolute left-0 w-full border-l-2 px-2 py-0.5',
                    l.level === 'error' ? 'border-danger bg-danger/5' : 'border-transparent',
                  )}
                  style={{ transform: `translateY(${v.start}px)` }}
                >
                  <div className="grid grid-cols-[3.5rem_5.5rem_3.5rem_minmax(0,1fr)] gap-2">
                    <span className="text-right text-muted-foreground select-none">{n}</span>
                    <span className="text-muted-foreground">{formatDate(l.timestamp, 'clock', fmt)}</span>
                    <span className={LEVEL_TONE[l.level]}>{l.level}</span>
                    <span className="break-words whitespace-pre-wrap">
                      {foldable && (
                        <button
                          type="button"
                          className="mr-1 inline-flex align-middle text-muted-foreground hover:text-foreground"
                          aria-expanded={isOpen}
                          aria-label={isOpen ? 'Hide tool input and output' : 'Show tool input and output'}
                          onClick={() =>
                            setOpen((s) =>
                              s.has(l.id) ? new Set([...s].filter((x) => x !== l.id)) : new Set([...s, l.id]),
                            )
                          }
                        >
                          {isOpen ? <ChevronDown className="size-3" /> : <ChevronRight className="size-3" />}
                        </button>
                      )}
                      <AnsiText text={l.message} />
                    </span>
                  </div>
                  {foldable && isOpen && (
                    <pre className="mt-1 mb-1 ml-[12.5rem] overflow-x-auto rounded bg-muted p-2">
                      {l.toolInput != null && `input:  ${JSON.stringify(l.toolInput, null, 2)}\n`}
                      {l.toolOutput != null && `output: ${JSON.stringify(l.toolOutput, null, 2)}`}
                    </pre>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
