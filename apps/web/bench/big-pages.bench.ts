// Pages at a year of a busy install (issue 21): /agents, /content and a search on /content for a rare, a common
// and a very common word, in Chromium, on the bench data set (100,000 content items of real text, 10,000
// sessions: bench-data.ts), on PGlite and on Postgres. Two times per load, from navigation start:
// - "rendered": the page's largest paint (Chromium's largest-contentful-paint: the results drawn), the search's
//   figure (goal: under 500 ms to a rendered page);
// - "interactive": the later of DOMContentLoaded, React's hydration of the page's last control, and the end of the
//   last long task (over 50 ms of main thread) before a quiet half second, the pages' figure (goal: under 1 s).
// The studio runs `agent-studio studio` on a copy of the data set, its bridge pointed at no gateway (bench-studio.ts).
import type { Page } from 'playwright-core';
import { openDb } from '@agent-studio/database';
import { benchDatabase, searchWords } from '@agent-studio/database/bench-data';
import { launchBrowser, screenshot } from '../e2e/harness';
import { DRIVERS, driverName, fmt, startDataSetStudio } from './bench-studio';

const LOADS = 10;

type Marks = { __lastLongTask?: number; __hydratedAt?: number; __largestPaint?: number };

/** Milliseconds from navigation start until the page is rendered and until it is interactive (see the header). */
async function loadTimes(page: Page, url: string): Promise<{ rendered: number; interactive: number }> {
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
    return {
      rendered: w.__largestPaint ?? NaN,
      interactive: Math.max(nav.domContentLoadedEventEnd, w.__lastLongTask ?? 0, w.__hydratedAt ?? 0),
    };
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
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) (window as unknown as Marks).__largestPaint = e.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
      console.log(
        `${driverName(kind)}: 100,000 content items, 10,000 sessions (p50 / p95 of ${LOADS} loads after one to warm up)`,
      );
      // the searches' goal is their rendered time; every page's, its interactive time
      const pages: [string, string, boolean][] = [
        ['/agents', '/agents', false],
        ['/content', '/content', false],
        ...words.map((w, i): [string, string, boolean] => [
          `/content?q=${w.word} (${['rare', 'common', 'very common'][i]}, ${(w.share * 100).toFixed(1)}%)`,
          `/content?q=${w.word}`,
          true,
        ]),
      ];
      for (const [name, path, search] of pages) {
        await loadTimes(page, `${studio.url}${path}`);
        const loads: { rendered: number; interactive: number }[] = [];
        for (let i = 0; i < LOADS; i++) loads.push(await loadTimes(page, `${studio.url}${path}`));
        const rendered = loads.map((l) => l.rendered);
        const interactive = loads.map((l) => l.interactive);
        console.log(`  ${name.padEnd(40)} rendered ${fmt(rendered, search ? 500 : undefined)}`);
        console.log(`  ${''.padEnd(40)} interactive ${fmt(interactive, 1000)}`);
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
