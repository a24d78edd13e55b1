// Background churn: what an open, untouched page asks the server per minute (goal: nothing besides its event
// stream, and the refresh of the page itself when the stream says something on it changed). Counted by
// Chromium on the demo studio, whose simulator runs jobs every few seconds.
import { launchBrowser, startDemoStudio } from '../e2e/harness';
import { countIdleRequests } from '../e2e/idle-requests';

const MINUTE = 60_000;
// IDLE_MS: a shorter window for a quick look (the figures are scaled to a minute)
const WINDOW = Number(process.env.IDLE_MS ?? MINUTE);
const perMinute = (n: number) => Math.round((n * MINUTE) / WINDOW);
const browser = await launchBrowser();
const studio = await startDemoStudio();
try {
  const jobs: { id: string; name: string }[] = (await (await studio.fetch('/api/cron/jobs')).json()).jobs;
  const job = jobs.find((j) => j.name === 'Inbox triage')!;
  for (const [name, path] of [
    ['dashboard', '/'],
    ['a job page', `/cron/${job.id}`],
    ['/agents', '/agents'],
  ] as const) {
    const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
    const c = await countIdleRequests(page, `${studio.url}${path}`, WINDOW);
    console.log(
      `${name}: ${perMinute(c.other)} requests per idle minute besides the event stream and the page's own refreshes (target 0); ` +
        `${perMinute(c.refreshes)} refreshes on live events (${perMinute(c.icons)} tab icons asked after them), ${c.lookups} job names looked up once for toasts, ${perMinute(c.aborted)} aborted${c.other ? `; others: ${c.samples.join(', ')}` : ''}`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await studio.stop();
}
