// Background churn: what an open, untouched page asks the server per minute (goal: nothing besides its event
// stream, and the refresh of the page itself when the stream says something on it changed). Counted by
// Chromium on the demo studio, whose simulator runs jobs every few seconds. And the server's CPU while each page is
// open (its load included), beside its CPU with no page open for as long (the demo's own jobs cost the same in both).
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuPercentDuring } from '../../../packages/gateway-bridge/bench/figures';
import { launchBrowser, startDemoStudio } from '../e2e/harness';
import { countIdleRequests } from '../e2e/idle-requests';

const MINUTE = 60_000;
// IDLE_MS: a shorter window for a quick look (the figures are scaled to a minute)
const WINDOW = Number(process.env.IDLE_MS ?? MINUTE);
const perMinute = (n: number) => Math.round((n * MINUTE) / WINDOW);
const browser = await launchBrowser();
const studio = await startDemoStudio();
/** What `fn` gives, and the studio process's CPU while it ran ("3.0%" of one core). */
async function serverCpu<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const { result, cpuPercent } = await cpuPercentDuring(studio.pid, fn);
  return [result, `${cpuPercent.toFixed(1)}%`];
}
try {
  const jobs: { id: string; name: string }[] = (await (await studio.fetch('/api/cron/jobs')).json()).jobs;
  const job = jobs.find((j) => j.name === 'Inbox triage')!;
  for (const [name, path] of [
    ['dashboard', '/'],
    ['a job page', `/cron/${job.id}`],
    ['/agents', '/agents'],
  ] as const) {
    const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
    const [c, cpu] = await serverCpu(() => countIdleRequests(page, `${studio.url}${path}`, WINDOW));
    console.log(
      `${name}: ${perMinute(c.other)} requests per idle minute besides the event stream and the page's own refreshes (target 0), the server at ${cpu} CPU; ` +
        `${perMinute(c.refreshes)} refreshes on live events (${perMinute(c.icons)} tab icons asked after them), ${c.lookups} job names looked up once for toasts, ${perMinute(c.aborted)} aborted${c.other ? `; others: ${c.samples.join(', ')}` : ''}`,
    );
    await page.close();
  }
  // last: the first minute after the demo's start still has its first pass in it
  const [, none] = await serverCpu(() => sleep(WINDOW));
  console.log(`no page open: the server at ${none} CPU (the demo's own jobs)`);
} finally {
  await browser.close();
  await studio.stop();
}
