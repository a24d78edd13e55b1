'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { agentLog, numberedLog } from '@agent-studio/core/api';
import { api } from '@/lib/api-client';

export type Line = z.infer<typeof numberedLog>;
export type LogSource = { kind: 'session' | 'run'; id: string };
export interface LogFilter {
  /** null: every level. */
  levels: string[] | null;
  tool: string;
}
export type StreamState = 'loading' | 'live' | 'ended' | 'reconnecting';

const PAGE = 200;
/** Lines kept in the page at most: the far end is dropped (and read again when scrolled back to). */
const KEEP = 4_000;

export function query(filter: LogFilter) {
  return { level: filter.levels?.join(','), tool: filter.tool || undefined };
}

type LinesQuery = { before?: string; after?: string; around?: string; limit?: number; level?: string; tool?: string };

export function linesOf(source: LogSource, query: LinesQuery) {
  const params = { id: source.id };
  return source.kind === 'session'
    ? api('listAgentLogLines', { params, query })
    : api('listCronRunLogLines', { params, query });
}

export function searchLog(source: LogSource, query: { q: string; before?: string; level?: string; tool?: string }) {
  const params = { id: source.id };
  return source.kind === 'session'
    ? api('searchAgentLog', { params, query })
    : api('searchCronRunLog', { params, query });
}

const passes = (l: { level: string; toolName: string | null }, f: LogFilter) =>
  (!f.levels || f.levels.includes(l.level)) && (!f.tool || l.toolName === f.tool);

/**
 * A window onto a log of any length: the newest page first, older and newer pages read by seq as the reader
 * scrolls, the lines around a line on a jump, and live lines from the stream (which starts after the newest
 * line read, so nothing is sent twice). At most KEEP lines are held.
 */
export function useLogWindow(source: LogSource, filter: LogFilter, live: boolean) {
  const [lines, setLines] = useState<Line[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [hasNewer, setHasNewer] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  const [tools, setTools] = useState<string[]>([]);
  const [state, setState] = useState<StreamState>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  // read by callbacks without re-creating them
  const current = useRef({ lines, hasOlder, hasNewer, filter, total: 0, counted: '0' });
  current.current.lines = lines;
  current.current.hasOlder = hasOlder;
  current.current.hasNewer = hasNewer;
  current.current.filter = filter;
  /** Bumped by every reload: an answer to an older request is dropped. */
  const generation = useRef(0);
  const busy = useRef<'older' | 'newer' | null>(null);

  const apply = useCallback((page: { lines: Line[]; hasOlder: boolean; hasNewer: boolean }) => {
    setLines(page.lines);
    setHasOlder(page.hasOlder);
    setHasNewer(page.hasNewer);
  }, []);

  /** The newest lines (with the current filter). */
  const loadEnd = useCallback(async () => {
    const gen = ++generation.current;
    busy.current = null;
    const f = current.current.filter;
    const page = await linesOf(source, { limit: PAGE, ...query(f) });
    if (gen !== generation.current) return;
    apply(page);
    setTools(page.tools ?? []);
    if (!f.levels && !f.tool && page.total !== undefined) {
      const newest = page.lines.at(-1)?.seq ?? '0';
      // the log's size, unless the stream has counted lines this answer did not see
      if (BigInt(newest) >= BigInt(current.current.counted)) {
        current.current.total = page.total;
        current.current.counted = newest;
        setTotal(page.total);
      }
    }
    return page.lines.at(-1)?.seq ?? '0';
  }, [source, apply]);

  /** The lines around `seq` (a search result), replacing the window. */
  const jumpTo = useCallback(
    async (seq: string) => {
      const gen = ++generation.current;
      busy.current = null;
      const page = await linesOf(source, { around: seq, limit: PAGE, ...query(current.current.filter) });
      if (gen !== generation.current) return;
      apply(page);
    },
    [source, apply],
  );

  /** `onPrepend`: how many lines go above the ones shown (the view keeps its place). */
  const loadOlder = useCallback(
    async (onPrepend: (added: number) => void) => {
      const c = current.current;
      if (busy.current || !c.hasOlder || !c.lines.length) return;
      busy.current = 'older';
      const gen = generation.current;
      try {
        const page = await linesOf(source, { before: c.lines[0]!.seq, limit: PAGE, ...query(c.filter) });
        if (gen !== generation.current) return;
        const all = [...page.lines, ...current.current.lines];
        onPrepend(page.lines.length);
        setLines(all.slice(0, KEEP));
        setHasOlder(page.hasOlder);
        if (all.length > KEEP) setHasNewer(true);
      } finally {
        if (busy.current === 'older') busy.current = null;
      }
    },
    [source],
  );

  const loadNewer = useCallback(
    /** `onTrim`: how many of the oldest lines were dropped (the view keeps its place). */
    async (onTrim: (removed: number) => void) => {
      const c = current.current;
      if (busy.current || !c.hasNewer || !c.lines.length) return;
      busy.current = 'newer';
      const gen = generation.current;
      try {
        const page = await linesOf(source, { after: c.lines.at(-1)!.seq, limit: PAGE, ...query(c.filter) });
        if (gen !== generation.current) return;
        const all = [...current.current.lines, ...page.lines];
        const removed = Math.max(0, all.length - KEEP);
        if (removed) onTrim(removed);
        setLines(all.slice(removed));
        setHasNewer(page.hasNewer);
        if (removed) setHasOlder(true);
      } finally {
        if (busy.current === 'newer') busy.current = null;
      }
    },
    [source],
  );

  // the first page, then the stream of what follows it (none for a log that has ended)
  useEffect(() => {
    let source_: EventSource | null = null;
    let frame = 0;
    let buffer: z.infer<typeof agentLog>[] = [];
    let stopped = false;
    const flush = () => {
      frame = 0;
      const batch = buffer;
      buffer = [];
      const c = current.current;
      const fresh: Line[] = [];
      for (const l of batch) {
        if (BigInt(l.seq) <= BigInt(c.counted)) continue;
        c.counted = l.seq;
        c.total += 1;
        if (passes(l, c.filter)) fresh.push({ ...l, line: c.total });
      }
      setTotal(c.total);
      // lines past the window's end are read when it is scrolled to
      if (!fresh.length || c.hasNewer) return;
      setLines((all) => {
        const last = all.at(-1)?.seq;
        const next = [...all, ...fresh.filter((l) => !last || BigInt(l.seq) > BigInt(last))];
        if (next.length <= KEEP) return next;
        setHasOlder(true);
        return next.slice(next.length - KEEP);
      });
    };
    loadEnd()
      .then((newest) => {
        if (stopped) return;
        if (!live) return setState('ended');
        const base =
          source.kind === 'session' ? `/api/agents/sessions/${source.id}/logs` : `/api/cron/runs/${source.id}/logs`;
        source_ = new EventSource(`${base}?after=${newest ?? '0'}`);
        source_.addEventListener('log', (m) => {
          buffer.push(JSON.parse((m as MessageEvent<string>).data) as z.infer<typeof agentLog>);
          frame ||= requestAnimationFrame(flush);
        });
        source_.addEventListener('end', () => {
          setState('ended');
          source_?.close();
        });
        source_.onopen = () => {
          setProblem(null);
          setState((s) => (s === 'ended' ? s : 'live'));
        };
        source_.onerror = (e) => {
          // the server's own `error` event says what went wrong; a dropped connection says nothing
          const data = (e as MessageEvent<string>).data;
          if (data) setProblem((JSON.parse(data) as { message?: string }).message ?? null);
          setState((s) => (s === 'ended' ? s : 'reconnecting'));
        };
      })
      .catch((err: Error) => {
        if (stopped) return;
        setProblem(err.message);
        setState('reconnecting');
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      source_?.close();
    };
    // the stream is opened once per log; filters reload pages only
  }, [source.kind, source.id, live]);

  return {
    lines,
    hasOlder,
    hasNewer,
    total,
    tools,
    state,
    problem,
    loadEnd,
    loadOlder,
    loadNewer,
    jumpTo,
  };
}
