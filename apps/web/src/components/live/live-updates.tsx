'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { eventTypes } from '@agent-studio/core/event-names';
import type { StudioEvent } from '@agent-studio/core/events';
import { cn } from '@/lib/cn';

const REFRESH_AT_MOST_EVERY_MS = 1000;

/**
 * Keeps a server-rendered page live: subscribes to `/api/events` for its channels and re-renders the page's
 * server components when something changes (throttled). EventSource resumes with Last-Event-ID by itself.
 */
export function LiveUpdates({ channels, onEvent }: { channels: string[]; onEvent?: (e: StudioEvent) => void }) {
  const router = useRouter();
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  const key = channels.join(',');

  useEffect(() => {
    const source = new EventSource(`/api/events?channels=${encodeURIComponent(key)}`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRefresh = 0;
    const refresh = () => {
      timer = null;
      lastRefresh = Date.now();
      router.refresh();
    };
    const onMessage = (m: MessageEvent<string>) => {
      onEventRef.current?.(JSON.parse(m.data) as StudioEvent);
      if (timer) return;
      timer = setTimeout(refresh, Math.max(0, lastRefresh + REFRESH_AT_MOST_EVERY_MS - Date.now()));
    };
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    for (const t of eventTypes) source.addEventListener(t, onMessage);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [key, router]);

  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground" role="status" data-live-state={state}>
      <span className={cn('size-2 rounded-full', state === 'live' ? 'bg-success' : 'animate-pulse bg-warning')} aria-hidden />
      <span className="sr-only sm:not-sr-only">{state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</span>
    </span>
  );
}
