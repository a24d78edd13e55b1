'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/api-client';
import { searchLog, type LogSource } from './use-log-window';

export interface Match {
  seq: string;
  message: string;
}

/**
 * Search on the server: the matches newest first (more read as the reader steps past the last one), and the
 * one shown. `onJump` brings a match's line into view.
 */
export function useLogSearch(
  source: LogSource,
  text: string,
  filter: { level?: string; tool?: string },
  onJump: (seq: string) => void,
) {
  // read when asked: a new function or filter object each render does not search again
  const latest = useRef({ filter, onJump });
  latest.current = { filter, onJump };
  const filterKey = `${filter.level ?? ''}|${filter.tool ?? ''}`;
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [index, setIndex] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [searched, setSearched] = useState('');
  const q = text.trim();

  const find = useCallback(async () => {
    clearTimeout(timer.current);
    const n = ++asked.current;
    setError(null);
    if (!q) return setMatches(null);
    try {
      const res = await searchLog(source, { q, ...latest.current.filter });
      if (n !== asked.current) return;
      setMatches(res.matches);
      setSearched(q);
      setCursor(res.nextCursor);
      setIndex(0);
      if (res.matches[0]) latest.current.onJump(res.matches[0].seq);
    } catch (err) {
      if (n === asked.current) setError(err instanceof ApiError ? err.message : 'The search failed.');
    }
  }, [q, source, filterKey]);

  // as typed, once the typing pauses
  useEffect(() => {
    timer.current = setTimeout(() => void find(), 350);
    return () => clearTimeout(timer.current);
  }, [find]);

  const step = useCallback(
    async (dir: 1 | -1) => {
      if (!matches) return;
      let list = matches;
      if (dir === 1 && index === list.length - 1 && cursor) {
        const res = await searchLog(source, { q, before: cursor, ...latest.current.filter });
        list = [...list, ...res.matches];
        setMatches(list);
        setCursor(res.nextCursor);
      }
      const next = index + dir;
      if (next < 0 || next >= list.length) return;
      setIndex(next);
      latest.current.onJump(list[next]!.seq);
    },
    [matches, index, cursor, source, q],
  );

  return {
    matches,
    index,
    more: cursor !== null,
    error,
    current: matches?.[index]?.seq ?? null,
    older: () => void step(1),
    newer: () => void step(-1),
    /** Enter: the next older match, or the search now when the words changed. */
    enter: () => void (matches?.length && searched === q ? step(1) : find()),
  };
}

/** The typed words as one pattern (for marking them in the lines shown), or null. */
export function wordsPattern(text: string): RegExp | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return null;
  return new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
}
