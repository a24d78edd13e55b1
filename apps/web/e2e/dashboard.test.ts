import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot, startDemoStudio, type RunningStudio } from './harness';

let studio: RunningStudio;
let browser: Browser;

before(async () => {
  // one after the other: when the studio fails to start, the browser is already there for `after` to close
  browser = await launchBrowser();
  studio = await startDemoStudio();
});

after(async () => {
  await browser?.close();
  const code = await studio?.stop();
  assert.equal(code, 0, `the studio did not stop cleanly:\n${studio?.output()}`);
});

test('the dashboard shows health, jobs and content from the demo gateway', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(studio.url);
  await page.getByText('Connected', { exact: true }).waitFor();
  const health = page.getByRole('region', { name: 'System health' });
  assert.match(await health.innerText(), /Cron success, 24 h\s+\d+(\.\d)?%/);
  // the failing count is of jobs (their last run), so it never reads against the rate of runs
  assert.match(await health.innerText(), /\d+ runs · (no job|1 job|\d+ jobs) failing/);
  // the gateway host, from its presence (read by the bridge's first reconcile: it comes in live)
  await health.getByText(/simulator · since/).waitFor();
  await page.getByRole('heading', { name: 'Next runs' }).waitFor();
  assert.ok(await page.getByText('Daily market digest').first().isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Waiting for review' }).isVisible());
  await screenshot(page, 'dashboard-desktop');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});

test('the dashboard updates live, without a reload, when the gateway reports activity', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(studio.url);
  await page.locator('[data-live-state="live"]').waitFor();
  const newest = () =>
    page.evaluate(() => document.querySelector('[aria-label="Live events"] li')?.getAttribute('data-event-id') ?? '0');
  const first = await newest();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  // the demo's simulator runs a job every few seconds: a newer event must appear by itself
  await page.waitForFunction(
    (id) =>
      BigInt(document.querySelector('[aria-label="Live events"] li')?.getAttribute('data-event-id') ?? '0') >
      BigInt(id),
    first,
    { polling: 250 },
  );
  assert.ok(BigInt(await newest()) > BigInt(first));
  assert.ok(
    await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    'the page must not reload',
  );
  await page.close();
});

test('Ctrl+K jumps to a job by name; failures and new content raise toasts with an unread count', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(studio.url);
  await page.locator('[data-live-state="live"]').waitFor();
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('weekly seo');
  // the job, first and highlighted; on Mondays and Tuesdays its run's session is listed too ("Automation: Weekly
  // SEO report", the demo's history being two days)
  const job = page.getByRole('option', { name: /^Weekly SEO report/ });
  await job.waitFor();
  assert.equal(await job.getAttribute('aria-selected'), 'true', 'the job comes first, highlighted');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Weekly SEO report' }).waitFor();
  // the demo writes content and fails runs every few seconds
  await page.getByRole('button', { name: /Notifications: \d+ unread/ }).waitFor();
  await page.locator('[data-sonner-toast]').first().waitFor();
  await screenshot(page, 'notifications', { toasts: true });
  await page.getByRole('button', { name: /Notifications: \d+ unread/ }).click();
  await page.getByRole('dialog').getByRole('link').first().waitFor();
  assert.ok(
    await page.getByRole('button', { name: 'Notifications', exact: true }).isVisible(),
    'opening marks them read',
  );
  await page.close();
});

test('on a phone the navigation folds into a menu, and dark mode follows the system', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await page.goto(studio.url);
  await page.getByText('Connected', { exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('class'), 'dark');
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > 375) await screenshot(page, 'dashboard-mobile-overflow');
  assert.ok(scrollWidth <= 375, `the page scrolls sideways (${scrollWidth}px wide)`);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('dialog').getByRole('link', { name: 'Cron jobs' }).waitFor();
  await screenshot(page, 'dashboard-mobile-dark-nav');
  await page.keyboard.press('Escape');
  await screenshot(page, 'dashboard-mobile-dark');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});
