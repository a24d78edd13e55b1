'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { eventTypes } from '@agent-studio/core/event-names';
import type { StudioEvent } from '@agent-studio/core/events';
import { cn } from '@/lib/cn';

const REFRESH_AT_MOST_EVERY_MS = 1000;

/**
 * Keeps a server-rendered page live: subscribes to `/api/events` for its channels and re-renders the page's
 * server components when something changes (throttled, and never while the last refresh is still on its way:
 * a new one would abort it, and a slow page would never finish), and once each time the stream (re)opens.
 * EventSource resumes with Last-Event-ID by itself after a dropped connection.
 */
export function LiveUpdates({ channels, onEvent }: { channels: string[]; onEvent?: (e: StudioEvent) => void }) {
  const router = useRouter();
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const [refreshing, startRefresh] = useTransition();
  const refreshingRef = useRef(false);
  refreshingRef.current = refreshing;
  /** Something changed while a refresh was on its way: refresh once more when it lands. */
  const againRef = useRef(false);
  const refreshSoonRef = useRef<() => void>(() => {});
  const key = channels.join(',');

  useEffect(() => {
    const url = `/api/events?channels=${encodeURIComponent(key)}`;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let stopped = false;
    let lastRefresh = 0;
    const refresh = () => {
      timer = null;
      if (refreshingRef.current) {
        againRef.current = true;
        return;
      }
      lastRefresh = Date.now();
      startRefresh(() => router.refresh());
    };
    const refreshSoon = () => {
      if (!timer) timer = setTimeout(refresh, Math.max(0, lastRefresh + REFRESH_AT_MOST_EVERY_MS - Date.now()));
    };
    const onMessage = (m: MessageEvent<string>) => {
      onEventRef.current?.(JSON.parse(m.data) as StudioEvent);
      refreshSoon();
    };
    // The browser retries a dropped stream by itself, but gives up on an error answer (a 401 after a sign-out
    // elsewhere, a 5xx while the server restarts): then it is opened again here, with backoff
    const reopen = async () => {
      source?.close();
      const status = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => {
          void r.body?.cancel();
          return r.status;
        },
        () => 0,
      );
      if (stopped) return;
      if (status === 401) return window.location.reload(); // to the sign-in page, and back here after it
      retry = setTimeout(connect, Math.min(30_000, 1000 * 2 ** failures++));
    };
    const connect = () => {
      source = new EventSource(url);
      source.onopen = () => {
        failures = 0;
        setState('live');
        // what changed before this stream began (since the page was rendered, or while it was away)
        refreshSoon();
      };
      source.onerror = () => {
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED) void reopen();
      };
      for (const t of eventTypes) source.addEventListener(t, onMessage);
    };
    refreshSoonRef.current = refreshSoon;
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [key, router]);
  useEffect(() => {
    if (refreshing || !againRef.current) return;
    againRef.current = false;
    refreshSoonRef.current();
  }, [refreshing]);

  return (
    // the studio's own stream to this page; the gateway's state is shown apart (GatewayState)
    <span
      className="inline-flex items-center gap-1.5 text-xs text-muted-foreground"
      role="status"
      data-live-state={state}
      title="Live updates from the studio to this page"
    >
      <span
        className={cn('size-2 rounded-full', state === 'live' ? 'bg-success' : 'animate-pulse bg-warning')}
        aria-hidden
      />
      <span className="sr-only sm:not-sr-only">
        {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
      </span>
    </span>
  );
}
