// Background churn: what an open, untouched page asks the server per minute (goal: nothing besides its event
// stream, and the refresh of the page itself when the stream says something on it changed). Counted by
// Chromium on the demo studio, whose simulator runs jobs every few seconds. And the server's CPU while each page is
// open (its load included), beside its CPU with no page open for as long (the demo's own jobs cost the same in both).
// Then a quiet studio, where nothing happens but the bridge's own minute samples: there an open page asks nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuPercentDuring } from '../../../packages/gateway-bridge/bench/figures';
import { launchBrowser, startDemoStudio, type RunningStudio } from '../e2e/harness';
import { countIdleRequests } from '../e2e/idle-requests';
import { startDataSetStudio } from './bench-studio';

const MINUTE = 60_000;
// IDLE_MS: a shorter window for a quick look (the figures are scaled to a minute)
const WINDOW = Number(process.env.IDLE_MS ?? MINUTE);
const perMinute = (n: number) => Math.round((n * MINUTE) / WINDOW);
/** What `fn` gives, and the studio process's CPU while it ran ("3.0%" of one core). */
async function serverCpu<T>(studio: RunningStudio, fn: () => Promise<T>): Promise<[T, string]> {
  const { result, cpuPercent } = await cpuPercentDuring(studio.pid, fn);
  return [result, `${cpuPercent.toFixed(1)}%`];
}
const browser = await launchBrowser();
try {
  const studio = await startDemoStudio();
  try {
    const jobs: { id: string; name: string }[] = (await (await studio.fetch('/api/cron/jobs')).json()).jobs;
    const job = jobs.find((j) => j.name === 'Inbox triage')!;
    // the first minute after the demo's start still has its first pass in it: measured apart, before the pages
    const [, first] = await serverCpu(studio, () => sleep(WINDOW));
    console.log(`the demo's first minute, no page open: the server at ${first} CPU`);
    for (const [name, path] of [
      ['dashboard', '/'],
      ['a job page', `/cron/${job.id}`],
      ['/agents', '/agents'],
    ] as const) {
      const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
      const [c, cpu] = await serverCpu(studio, () => countIdleRequests(page, `${studio.url}${path}`, WINDOW));
      console.log(
        `${name}: ${perMinute(c.other)} requests per idle minute besides the event stream and the page's own refreshes (target 0), the server at ${cpu} CPU; ` +
          `${perMinute(c.refreshes)} refreshes on live events (${perMinute(c.icons)} tab icons asked after them), ${c.lookups} job names looked up once for toasts, ${perMinute(c.aborted)} aborted${c.other ? `; others: ${c.samples.join(', ')}` : ''}`,
      );
      await page.close();
    }
    const [, none] = await serverCpu(studio, () => sleep(WINDOW));
    console.log(`no page open: the server at ${none} CPU (the demo's own jobs)`);
  } finally {
    await studio.stop();
  }

  // a new studio, its bridge pointed at no gateway: nothing changes but the bridge's metrics sample each minute
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-bench-quiet-'));
  const quiet = await startDataSetStudio({ dataDir });
  try {
    console.log('a quiet studio (nothing happening but its minute metrics samples):');
    for (const [name, path] of [
      ['dashboard', '/'],
      ['/agents', '/agents'],
      ['/content', '/content'],
    ] as const) {
      const page = await quiet.newPage(browser, { viewport: { width: 1280, height: 900 } });
      const [c, cpu] = await serverCpu(quiet, () => countIdleRequests(page, `${quiet.url}${path}`, WINDOW));
      const all = c.other + c.refreshes + c.icons + c.lookups;
      console.log(
        `  ${name}: ${perMinute(all)} requests per idle minute besides the event stream (target 0), the server at ${cpu} CPU${all ? `; ${c.refreshes} refreshes, ${c.icons} tab icons, others: ${c.samples.join(', ')}` : ''}`,
      );
      await page.close();
    }
  } finally {
    await quiet.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
} finally {
  await browser.close();
}
