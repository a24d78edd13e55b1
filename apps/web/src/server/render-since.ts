import 'server-only';
import { headers } from 'next/headers';
import { latestEventId } from '@agent-studio/database';
import { getDb } from './db';
import { isEventId } from './sse';

/** Set by the proxy on every page request: the newest event id before the page read anything. */
export const SINCE_HEADER = 'x-studio-since';

/**
 * Where a page's live stream starts: the proxy's reading (before the layout and the page, which Next renders side
 * by side, read their data), else the newest event now.
 */
export async function renderSince(): Promise<string> {
  const since = (await headers()).get(SINCE_HEADER);
  return since !== null && isEventId(since) ? since : latestEventId(await getDb());
}
