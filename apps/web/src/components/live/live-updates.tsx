'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { eventTypes } from '@agent-studio/core/event-names';
import type { StudioEvent } from '@agent-studio/core/events';
import { cn } from '@/lib/cn';

const REFRESH_AT_MOST_EVERY_MS = 1000;
/** A refresh the router dropped (a navigation took its place) never lands: after this long, refresh anyway. */
const REFRESH_LOST_AFTER_MS = 20_000;

/**
 * Keeps a server-rendered page live: subscribes to `/api/events` for its channels and re-renders the page's
 * server components when something changes, and once each time the stream (re)opens. One refresh at a time,
 * the next at least a second after the last one LANDED (`renderId`, new on every server render, says so):
 * a refresh started while one is on its way replaces it, so on a machine slower than the events a page never
 * finished again, and a link clicked meanwhile never arrived. EventSource resumes with Last-Event-ID by itself.
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
  /** The render a refresh was asked from, while it is on its way, and when it was asked. */
  const awaitingRef = useRef<{ from: string; at: number } | null>(null);
  const renderIdRef = useRef(renderId);
  renderIdRef.current = renderId;
  const landedRef = useRef(0);
  /** Something changed while a refresh was on its way: refresh once more when it lands. */
  const againRef = useRef(false);
  const refreshSoonRef = useRef<() => void>(() => {});
  const key = channels.join(',');
  /** The last event heard (else the first render's newest): a stream opened again goes on from it. */
  const lastIdRef = useRef(since);

  useEffect(() => {
    // an event between the render and the stream (a budget passed just after a save) still gets its toast
    const url = () => `/api/events?channels=${encodeURIComponent(key)}&since=${encodeURIComponent(lastIdRef.current)}`;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let failures = 0;
    let stopped = false;
    const refresh = () => {
      timer = null;
      const awaiting = awaitingRef.current;
      if (awaiting && Date.now() - awaiting.at < REFRESH_LOST_AFTER_MS) {
        againRef.current = true;
        return;
      }
      awaitingRef.current = { from: renderIdRef.current, at: Date.now() };
      router.refresh();
    };
    const refreshSoon = () => {
      if (!timer) timer = setTimeout(refresh, Math.max(0, landedRef.current + REFRESH_AT_MOST_EVERY_MS - Date.now()));
    };
    const onMessage = (m: MessageEvent<string>) => {
      if (m.lastEventId) lastIdRef.current = m.lastEventId;
      onEventRef.current?.(JSON.parse(m.data) as StudioEvent);
      refreshSoon();
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
  // a new server render landed (this refresh's, or a navigation's that carried it)
  useEffect(() => {
    if (!awaitingRef.current || awaitingRef.current.from === renderId) return;
    awaitingRef.current = null;
    landedRef.current = Date.now();
    if (!againRef.current) return;
    againRef.current = false;
    refreshSoonRef.current();
  }, [renderId]);

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
