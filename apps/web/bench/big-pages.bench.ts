// Pages at a year of a busy install (issue 21): /agents, /content and a search on /content for a rare, a common
// and a very common word, in Chromium, on the bench data set (100,000 content items of real text, 10,000
// sessions: bench-data.ts), on PGlite and on Postgres. "Interactive": navigation start to the later of
// DOMContentLoaded, React's hydration of the page's last control, and the end of the last long task (over 50 ms
// of main thread) before a quiet half second.
// The studio runs `agent-studio studio` on a copy of the data set, its bridge pointed at no gateway (bench-studio.ts).
import type { Page } from 'playwright-core';
import { openDb } from '@agent-studio/database';
import { benchDatabase, searchWords } from '@agent-studio/database/bench-data';
import { launchBrowser, screenshot } from '../e2e/harness';
import { DRIVERS, driverName, pct, startDataSetStudio } from './bench-studio';

const LOADS = 10;

type Marks = { __lastLongTask?: number; __hydratedAt?: number };

/** Milliseconds from navigation start until the page is interactive (see the header). */
async function interactiveMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // hydrated: React has attached its props to the page's last link or button (they hydrate last)
  await page.waitForFunction(
    () => {
      const w = window as unknown as Marks;
      const controls = document.querySelectorAll('main a[href], main button');
      const last = controls[controls.length - 1];
      if (w.__hydratedAt === undefined && last && Object.keys(last).some((k) => k.startsWith('__reactProps')))
        w.__hydratedAt = performance.now();
      return (
        w.__hydratedAt !== undefined &&
        document.readyState === 'complete' &&
        performance.now() - (w.__lastLongTask ?? 0) > 500
      );
    },
    undefined,
    { polling: 'raf' },
  );
  return page.evaluate(() => {
    const w = window as unknown as Marks;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return Math.max(nav.domContentLoadedEventEnd, w.__lastLongTask ?? 0, w.__hydratedAt ?? 0);
  });
}

const browser = await launchBrowser();
try {
  for (const kind of DRIVERS) {
    const bench = await benchDatabase(kind);
    const probe = await openDb({ databaseUrl: bench.url, dataDir: bench.dataDir ?? '' });
    const words = await searchWords(probe, [0.002, 0.04, 0.4]);
    await probe.close();
    const studio = await startDataSetStudio(bench);
    try {
      const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
      await page.addInitScript(() => {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) (window as unknown as Marks).__lastLongTask = e.startTime + e.duration;
        }).observe({ type: 'longtask', buffered: true });
      });
      console.log(
        `${driverName(kind)}: 100,000 content items, 10,000 sessions (p50 / p95 of ${LOADS} loads after one to warm up)`,
      );
      const pages: [string, string, number][] = [
        ['/agents interactive', '/agents', 1000],
        ['/content interactive', '/content', 1000],
        ...words.map((w, i): [string, string, number] => [
          `/content?q=${w.word} (${['rare', 'common', 'very common'][i]}, ${(w.share * 100).toFixed(1)}%) interactive`,
          `/content?q=${w.word}`,
          500,
        ]),
      ];
      for (const [name, path, target] of pages) {
        await interactiveMs(page, `${studio.url}${path}`);
        const times: number[] = [];
        for (let i = 0; i < LOADS; i++) times.push(await interactiveMs(page, `${studio.url}${path}`));
        console.log(
          `  ${name.padEnd(58)} p50 ${pct(times, 50).toFixed(0)} ms, p95 ${pct(times, 95).toFixed(0)} ms (target < ${target} ms)`,
        );
      }
      console.log(`  the last page: ${await screenshot(page, `bench-content-search-${kind}`)}`);
    } finally {
      await studio.stop();
      await bench.drop();
    }
  }
} finally {
  await browser.close();
}
