// A 300,000-line log (issue 21 item 2), on the log data set (1,000,000 lines, two sessions of 300,000:
// bench-logs.ts), on PGlite and on Postgres: in Chromium, the time from navigation to the newest line drawn on
// the session's page, and from asking for a line 200,000 back (a search for its words, Enter) to it drawn,
// highlighted, among its neighbours; at the API, the newest page, a page 200,000 back and searches (p50/p95).
// The studio runs `agent-studio studio` on a copy of the data set, its bridge pointed at no gateway (bench-studio.ts).
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { openDb } from '@agent-studio/database';
import { benchLogDatabase, bigLogSessions, LOG_BENCH } from '@agent-studio/database/bench-logs';
import { launchBrowser, screenshot, type RunningStudio } from '../e2e/harness';
import { DRIVERS, driverName, fmt, startDataSetStudio } from './bench-studio';

const LOADS = 10;
const BACK = 200_000;

/** Navigation start to the newest line drawn in the log. */
async function newestLineMs(page: Page, url: string, line: number): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page
    .waitForFunction((n) => document.querySelector(`[role=log] [data-line="${n}"]`) && performance.now(), line, {
      polling: 'raf',
    })
    .then((h) => h.jsonValue() as Promise<number>);
}

/** Enter in the search box to the line drawn and marked as the match (the page open at the log's end). */
async function lineBackMs(page: Page, words: string, line: number): Promise<number> {
  const box = page.getByRole('search', { name: 'Search in log' }).getByRole('searchbox');
  await box.fill(words);
  const t0 = await box.evaluate((el) => {
    el.closest('form')!.requestSubmit();
    return performance.now();
  });
  const t1 = await page
    .waitForFunction(
      (text) =>
        document.querySelector('[role=log] [aria-current="true"]')?.textContent!.includes(text) && performance.now(),
      `step ${line}:`,
      { polling: 'raf' },
    )
    .then((h) => h.jsonValue() as Promise<number>);
  return t1 - t0;
}

async function apiTimes(studio: RunningStudio, path: string, n = 20): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t0 = performance.now();
    const res = await studio.fetch(path);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    if (i) times.push(performance.now() - t0);
  }
  return times;
}

const browser = await launchBrowser();
try {
  for (const kind of DRIVERS) {
    const bench = await benchLogDatabase(kind);
    const probe = await openDb({ databaseUrl: bench.url, dataDir: bench.dataDir ?? '' });
    const [big] = await bigLogSessions(probe);
    const [back] = await probe.query<{ seq: string }>(
      `select seq from agent_logs where session_id = $1 and external_id = $2`,
      [big, `l${LOG_BENCH.bigLines - BACK}`],
    );
    await probe.close();
    const studio = await startDataSetStudio(bench);
    try {
      console.log(
        `${driverName(kind)}: a session of ${LOG_BENCH.bigLines.toLocaleString('en')} lines among ${LOG_BENCH.lines.toLocaleString('en')} (p50 / p95 of ${LOADS} after one to warm up)`,
      );
      const base = `/api/agents/sessions/${big}/logs`;
      console.log(`  API newest page (200 lines, size, tools)   ${fmt(await apiTimes(studio, `${base}/lines`))}`);
      console.log(
        `  API page ${BACK.toLocaleString('en')} lines back (around)     ${fmt(await apiTimes(studio, `${base}/lines?around=${back!.seq}`))}`,
      );
      console.log(
        `  API page before it (keyset)                ${fmt(await apiTimes(studio, `${base}/lines?before=${back!.seq}`))}`,
      );
      for (const [label, q] of [
        ['one line (its number)', `step ${LOG_BENCH.bigLines - BACK}`],
        ['a common word', 'the'],
        ['no match', 'zzqqxxnothing'],
      ] as const)
        console.log(
          `  API search, ${label.padEnd(30)} ${fmt(await apiTimes(studio, `${base}/search?q=${encodeURIComponent(q)}`))}`,
        );

      const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
      const url = `${studio.url}/agents/${big}`;
      const newest: number[] = [];
      const back200k: number[] = [];
      await newestLineMs(page, url, LOG_BENCH.bigLines);
      await lineBackMs(page, `step ${LOG_BENCH.bigLines - BACK}`, LOG_BENCH.bigLines - BACK);
      for (let i = 0; i < LOADS; i++) {
        newest.push(await newestLineMs(page, url, LOG_BENCH.bigLines));
        back200k.push(await lineBackMs(page, `step ${LOG_BENCH.bigLines - BACK}`, LOG_BENCH.bigLines - BACK));
      }
      console.log(`  Chromium: navigation to the newest line drawn        ${fmt(newest, 1000)}`);
      console.log(`  Chromium: a line ${BACK.toLocaleString('en')} back (search, Enter) drawn  ${fmt(back200k, 1000)}`);
      console.log(`  the page: ${await screenshot(page, `bench-big-log-${kind}`)}`);
      await page.close();
    } finally {
      await studio.stop();
      await bench.drop();
    }
  }
} finally {
  await browser.close();
}
