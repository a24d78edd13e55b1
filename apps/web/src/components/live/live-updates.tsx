'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { eventTypes, type EventType } from '@agent-studio/core/event-names';
import type { StudioEvent } from '@agent-studio/core/events';
import { cn } from '@/lib/cn';
import { RefreshGate } from '@/lib/refresh-gate';

/** Events only one page shows: elsewhere they refresh nothing (a sample a minute re-rendered every open page). */
const SHOWN_ONLY_ON: Partial<Record<EventType, string>> = { 'system.metrics.sampled': '/metrics' };

/**
 * Keeps a server-rendered page live: subscribes to `/api/events` for its channels, from the newest event before
 * the page read its data, and re-renders the page's server components when something changes, and once each time
 * the stream opens again (its events may have been cleared meanwhile). When to refresh is the
 * RefreshGate's: one at a time, each landing (`renderId`, new on every server render of the layout, says so)
 * before the next, however slow the server. EventSource resumes with Last-Event-ID by itself.
 */
export function LiveUpdates({
  channels,
  renderId,
  since,
  onEvent,
}: {
  channels: string[];
  renderId: string;
  /** The newest event when the page was rendered: the stream starts after it, so none between is missed. */
  since: string;
  onEvent?: (e: StudioEvent) => void;
}) {
  const router = useRouter();
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const [gate] = useState(() => new RefreshGate());
  const renderIdRef = useRef(renderId);
  renderIdRef.current = renderId;
  const refreshSoonRef = useRef<() => void>(() => {});
  const key = channels.join(',');
  /** The last event heard (else the first render's newest): a stream opened again goes on from it. */
  const lastIdRef = useRef(since);
  const pathname = usePathname();
  const pathnameRef = useRef(pathname);
  pathnameRef.current = pathname;

  useEffect(() => {
    // an event between the render and the stream (a budget passed just after a save) still gets its toast
    const url = () => `/api/events?channels=${encodeURIComponent(key)}&since=${encodeURIComponent(lastIdRef.current)}`;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let opened = false;
    let stopped = false;
    const refresh = () => {
      timer = null;
      if (gate.ask(renderIdRef.current, Date.now())) router.refresh();
    };
    const refreshSoon = () => {
      if (!timer) timer = setTimeout(refresh, gate.delay(Date.now()));
    };
    const onMessage = (m: MessageEvent<string>) => {
      if (m.lastEventId) lastIdRef.current = m.lastEventId;
      const e = JSON.parse(m.data) as StudioEvent;
      onEventRef.current?.(e);
      const only = SHOWN_ONLY_ON[e.type];
      if (!only || pathnameRef.current === only) refreshSoon();
    };
    // The browser retries a dropped stream by itself, but gives up on an error answer (a 401 after a sign-out
    // elsewhere, a 5xx while the server restarts): then it is opened again here, with backoff
    const reopen = async () => {
      source?.close();
      const status = await fetch(url(), { signal: AbortSignal.timeout(10_000) }).then(
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
      source = new EventSource(url());
      source.onopen = () => {
        failures = 0;
        setState('live');
        // what changed while it was away, in case the events are gone by now (the first stream brings all since
        // the page's render)
        if (opened) refreshSoon();
        opened = true;
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
  }, [key, router, gate]);
  // a new server render landed (this refresh's, or a navigation's that carried it)
  useEffect(() => {
    if (gate.landed(renderId, Date.now())) refreshSoonRef.current();
  }, [renderId]);
  // a navigation landed: a refresh on its way was dropped for it (Next runs a navigation in its place)
  const address = `${pathname}?${useSearchParams()}`;
  useEffect(() => {
    if (gate.landed(null, Date.now())) refreshSoonRef.current();
  }, [address]);

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
