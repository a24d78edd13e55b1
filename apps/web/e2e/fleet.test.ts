// The fleet in Chromium (issue 18 item 5): with one gateway the header has no switcher; once a second gateway
// is in the database (a job and a session on it), the switcher shows, and choosing it filters the jobs and
// agents pages, each row naming its gateway; the choice stays across the nav's links, and "All gateways" shows
// every gateway again. Desktop, and 375 px dark; axe clean.
// The demo runs on a Postgres database of the test's own, so the test can add the second gateway beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createGateway, upsertAgentSession } from '@agent-studio/database';
import { createPostgresDatabase, testCronJob, until, type TestDatabase } from '@agent-studio/database/testing';
import { accessibilityViolations, launchBrowser, screenshot, startDemoStudio, type RunningStudio } from './harness';

const OFFICE_JOB = 'Office backup';
const OFFICE_AGENT = 'office-researcher';
let t: TestDatabase;
let studio: RunningStudio;
let browser: Browser;

before(async () => {
  t = await createPostgresDatabase();
  browser = await launchBrowser();
  studio = await startDemoStudio({ DATABASE_URL: t.url! });
});

after(async () => {
  await browser?.close();
  await studio?.stop();
  await t?.drop();
});

const switcher = (page: Page) => page.getByRole('combobox', { name: 'Gateway' });
const jobRows = (page: Page) => page.getByRole('region', { name: 'Jobs' }).getByRole('listitem');
const sessionRows = (page: Page) => page.getByRole('region', { name: 'Recent' }).getByRole('listitem');

/** The names a list shows, once `ready` holds of them (live updates re-render the page as the demo works). */
async function namesOnceShown(rows: () => Promise<string[]>, ready: (names: string[]) => boolean, what: string) {
  return until(what, async () => {
    const names = await rows();
    return ready(names) && names;
  });
}

test('the switcher appears with a second gateway and filters the jobs and agents pages, across the nav', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio.url}/cron`);
  await jobRows(page).first().waitFor();
  assert.equal(await switcher(page).count(), 0, 'one gateway: no switcher, the header as before');
  const demoJobs = await jobRows(page).allInnerTexts();

  const office = await createGateway(t.db, 'office');
  await testCronJob(t.db, { gatewayId: office.id, externalId: 'office-backup', name: OFFICE_JOB });
  await upsertAgentSession(t.db, {
    gatewayId: office.id,
    sessionKey: 'agent:main:office',
    agentName: OFFICE_AGENT,
    agentType: 'singleton',
    status: 'completed',
    completedAt: new Date(),
  });

  await page.reload();
  await switcher(page).waitFor();
  const all = await namesOnceShown(
    () => jobRows(page).allInnerTexts(),
    (n) => n.some((x) => x.includes(OFFICE_JOB)),
    'the office job among all',
  );
  assert.ok(all.length > 1, 'all gateways: the demo’s jobs and the office’s');
  const officeRow = jobRows(page).filter({ hasText: OFFICE_JOB });
  assert.equal(await officeRow.locator('[data-gateway]').textContent(), 'Gateway office', 'a row names its gateway');

  await switcher(page).selectOption('office');
  await page.waitForURL(/[?&]gateway=office/);
  const filtered = await namesOnceShown(
    () => jobRows(page).allInnerTexts(),
    (n) => n.length === 1,
    'the office job alone',
  );
  assert.match(filtered[0]!, new RegExp(OFFICE_JOB));
  assert.ok(demoJobs.length > 0);
  assert.deepEqual(await switcher(page).inputValue(), 'office');
  await screenshot(page, 'fleet-jobs-office');
  assert.deepEqual(await accessibilityViolations(page), []);

  // the nav's own link, no ?gateway= in it: the choice is kept
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Agents' }).click();
  await page.waitForURL(/\/agents$/);
  const sessions = await namesOnceShown(
    () => sessionRows(page).allInnerTexts(),
    (n) => n.length === 1,
    'the office session alone',
  );
  assert.match(sessions[0]!, new RegExp(OFFICE_AGENT));
  assert.deepEqual(await switcher(page).inputValue(), 'office');
  await page.getByRole('region', { name: 'Running' }).getByText('No agent is running').waitFor();
  await screenshot(page, 'fleet-agents-office');
  assert.deepEqual(await accessibilityViolations(page), []);

  await switcher(page).selectOption('');
  await page.waitForURL((url) => !url.searchParams.has('gateway'));
  await namesOnceShown(
    () => sessionRows(page).allInnerTexts(),
    (n) => n.length > 1 && n.some((x) => x.includes(OFFICE_AGENT)),
    'every gateway’s sessions again',
  );
  await page.close();
});

test('on a phone, dark: a link with ?gateway= filters the agents page, nothing overflows, axe clean', async () => {
  const phone = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await phone.goto(`${studio.url}/agents?gateway=office`);
  await switcher(phone).waitFor();
  assert.deepEqual(await switcher(phone).inputValue(), 'office');
  const sessions = await namesOnceShown(
    () => sessionRows(phone).allInnerTexts(),
    (n) => n.length === 1,
    'the office session alone',
  );
  assert.match(sessions[0]!, new RegExp(OFFICE_AGENT));
  assert.ok(
    (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375,
    'no sideways scrolling at 375 px',
  );
  await screenshot(phone, 'mobile-dark-fleet-agents');
  assert.deepEqual(await accessibilityViolations(phone), []);
  // the link set the cookie: the jobs page, reached by its address alone, shows the office too
  await phone.goto(`${studio.url}/cron`);
  await namesOnceShown(
    () => jobRows(phone).allInnerTexts(),
    (n) => n.length === 1 && n[0]!.includes(OFFICE_JOB),
    'the office job alone on the phone',
  );
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375);
  await screenshot(phone, 'mobile-dark-fleet-jobs');
  assert.deepEqual(await accessibilityViolations(phone), []);
  await phone.close();
});
