// Counts what an open page asks the server while nobody touches it (Chromium's own request events).
import type { Frame, Page, Request } from 'playwright-core';

export interface IdleRequests {
  /** Re-renders of the page itself (`router.refresh()` after a live event: an RSC request for its own path). */
  refreshes: number;
  /** The tab icon asked again once the page was re-rendered (the browser's own, for the head drawn anew). */
  icons: number;
  /** A job's name asked once for a toast about it (`GET /api/cron/jobs/:id`, kept after). */
  lookups: number;
  /** Everything else but the event stream: prefetches, polling, assets (the goal is none). */
  other: number;
  aborted: number;
  /** A few of the other requests, to say what they were. */
  samples: string[];
}

/**
 * Opens `url`, waits until its event stream is live and its load has ended, then counts requests for `ms`.
 * Opened twice: a first visit tells the studio the browser's date format (a cookie) and is drawn once more, head
 * and tab icon included; the second is drawn once. Its load ends with the browser asking for the tab icon (after
 * each navigation, late on a busy machine): the count starts after that, not after a guessed delay.
 */
export async function countIdleRequests(page: Page, url: string, ms: number): Promise<IdleRequests> {
  await page.goto(url);
  await page.locator('[data-live-state="live"]').first().waitFor();
  // the icon asked once the second visit is in: the first one's document can ask nothing after that
  let committed = false;
  const onNavigated = (frame: Frame) => (committed ||= frame === page.mainFrame());
  page.on('framenavigated', onNavigated);
  const icon = page.waitForEvent('request', (r) => committed && new URL(r.url()).pathname === '/icon.svg');
  await page.goto(url);
  await page.locator('[data-live-state="live"]').first().waitFor();
  await icon;
  page.off('framenavigated', onNavigated);
  const path = new URL(page.url()).pathname;
  const counts: IdleRequests = { refreshes: 0, icons: 0, lookups: 0, other: 0, aborted: 0, samples: [] };
  const looked = new Set<string>();
  const onRequest = (r: Request) => {
    const u = new URL(r.url());
    if (u.pathname === '/api/events') return;
    const rsc = r.headers()['rsc'] === '1';
    if (rsc && u.pathname === path && !r.headers()['next-router-prefetch']) counts.refreshes++;
    else if (u.pathname === '/icon.svg' && counts.refreshes > 0) counts.icons++;
    else if (/^\/api\/cron\/jobs\/[^/]+$/.test(u.pathname) && !looked.has(u.pathname)) {
      looked.add(u.pathname);
      counts.lookups++;
    } else {
      counts.other++;
      if (counts.samples.length < 5)
        counts.samples.push(
          `${r.method()} ${u.pathname}${rsc ? ' (rsc' + (r.headers()['next-router-prefetch'] ? ' prefetch' : '') + ')' : ''}`,
        );
    }
  };
  const onFailed = () => counts.aborted++;
  page.on('request', onRequest);
  page.on('requestfailed', onFailed);
  await page.waitForTimeout(ms);
  page.off('request', onRequest);
  page.off('requestfailed', onFailed);
  return counts;
}
