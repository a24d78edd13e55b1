// The fleet in Chromium (issue 18 item 5): with one gateway the header has no switcher; once a second gateway
// is in the database (a job and a session on it), the switcher shows, and choosing it filters the jobs and
// agents pages, each row naming its gateway; the choice stays across the nav's links, and "All gateways" shows
// every gateway again. Desktop, and 375 px dark; axe clean. The dashboard's fleet view lists every gateway and
// follows a gateway's state, a failed run and a running session live; each row opens the dashboard filtered to
// its gateway, whose figures are the row's.
// The demo runs on a Postgres database of the test's own, so the test can add the second gateway beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  appendEvent,
  createGateway,
  ensureGateway,
  listCronJobs,
  listBudgets,
  listGateways,
  recordGatewaySeen,
  setCheckpoint,
  upsertAgentSession,
  upsertCronRun,
} from '@agent-studio/database';
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
    agentId: 'main', // as OpenClaw names it (the key's agent)
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
  // the header's OpenClaw state is the fleet's: the office has no bridge yet
  const banner = page.getByRole('banner');
  await banner.getByRole('link', { name: 'OpenClaw gateways not all connected' }).waitFor();
  assert.match((await banner.getByRole('link', { name: /^OpenClaw/ }).getAttribute('title'))!, /1 of 2 .*not: office/);

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
  // and then the office's own, linking to its dashboard rather than to the default gateway's set-up
  const officeState = banner.getByRole('link', { name: 'OpenClaw office not connected' });
  await officeState.waitFor();
  assert.equal(await officeState.getAttribute('href'), '/?gateway=office');
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

test('on a phone, dark: a link with ?gateway= filters the agents page and its header, nothing overflows, axe clean', async () => {
  const phone = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  const served = await (await phone.goto(`${studio.url}/agents?gateway=office`))!.text();
  // the header in the page as served (no cookie yet in this browser): the link's gateway, not all of them
  assert.match(served, /aria-label="OpenClaw office not connected"/);
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

const fleetRow = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Gateways' }).locator(`[data-gateway-row="${name}"]`);
const tile = (page: Page, label: string) =>
  page.getByRole('region', { name: 'System health' }).locator('div', { has: page.getByText(label, { exact: true }) });

test('the dashboard’s fleet view: every gateway, live; a row opens the dashboard of its gateway with the same figures', async () => {
  const office = await ensureGateway(t.db, 'office');
  const [officeJob] = (await listCronJobs(t.db, { gatewayId: office.id })).filter((j) => j.name === OFFICE_JOB);
  assert.ok(officeJob, 'the office job of the first test');
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(studio.url);
  const names = (await listGateways(t.db)).map((g) => g.name);
  assert.equal(names.length, 2);
  for (const name of names) await fleetRow(page, name).waitFor();
  const office0 = await fleetRow(page, 'office').innerText();
  assert.match(office0, /Not connected/);
  assert.match(office0, /never seen/);
  // office's dashboard while it is away: it is named, and Connect OpenClaw (the default gateway's set-up) is not offered
  await fleetRow(page, 'office').getByRole('link').click();
  await page.waitForURL(/[?&]gateway=office/);
  await page
    .getByRole('region', { name: 'Needs attention' })
    .getByText('The gateway office is not connected')
    .waitFor();
  assert.match(await tile(page, 'Gateway').last().innerText(), /Not connected\s+never connected$/);
  assert.equal(await page.getByRole('main').getByRole('link', { name: 'Connect OpenClaw' }).count(), 0);
  await switcher(page).selectOption('');
  await fleetRow(page, 'office').waitFor();

  // what office's bridge writes when it connects (gateway-connection's record): the row follows, no reload
  await t.db.transaction(async (tx) => {
    await recordGatewaySeen(tx, office.id, {
      url: 'ws://office.lan:18789',
      version: '2026.9.6',
      host: 'office.lan',
      connected: true,
      error: null,
      servedBy: 'e2e bridge',
    });
    const status = { connected: true, since: new Date().toISOString(), version: '2026.9.6', gatewayId: office.id };
    await setCheckpoint(tx, 'gateway', 'status', { ...status, methods: [], error: null }, office.id);
    await appendEvent(tx, 'system', 'gateway.status', status);
  });
  await until('office connected in its row', async () => {
    const text = await fleetRow(page, 'office').innerText();
    return /Connected/.test(text) && !/Not connected/.test(text) && /2026\.9\.6/.test(text) && /office\.lan/.test(text);
  });
  // the activity feed says which gateway it was
  await page.getByRole('region', { name: 'Live events' }).getByText('Gateway office connected').first().waitFor();

  // a run of office's job fails, and an office agent works (running, $0.25 so far): jobs failing, active
  // agents and today's spending follow
  const started = new Date();
  await upsertCronRun(t.db, {
    jobId: officeJob.id,
    externalId: 'office-backup-run-1',
    startedAt: started,
    finishedAt: new Date(),
    status: 'failed',
    error: 'disk full',
  });
  await upsertAgentSession(t.db, {
    gatewayId: office.id,
    sessionKey: 'agent:main:office-live',
    agentId: 'main',
    agentName: 'office-writer',
    agentType: 'singleton',
    status: 'running',
    startedAt: started,
    tokenUsage: { input: 900, output: 100, total: 1000 },
    costUsd: 0.25,
  });
  const figures = (text: string) => ({
    failing: /Jobs failing\s+(\d+)/.exec(text)?.[1],
    agents: /Active agents\s+(\d+)/.exec(text)?.[1],
    spent: /Spent today\s+(\$[\d.]+)/.exec(text)?.[1],
  });
  const row = await until('office’s run and agent in its row', async () => {
    const f = figures(await fleetRow(page, 'office').innerText());
    return f.failing === '1' && f.agents === '1' && f.spent === '$0.250' && f;
  });
  await screenshot(page, 'fleet-dashboard');
  // five tiles at 1280 px: the jobs failing are read whole, not cut, and are every gateway's (the default gateway's
  // simulated jobs fail now and then too)
  await until('the cron tile counting the failing jobs of every gateway', async () => {
    const counted = /(\d+) jobs? failing/.exec(await tile(page, 'Cron success, 24 h').last().innerText())?.[1];
    const rows = await Promise.all(
      ['default', 'office'].map(async (name) => Number(figures(await fleetRow(page, name).innerText()).failing)),
    );
    return counted !== undefined && Number(counted) === rows[0]! + rows[1]!;
  });
  assert.deepEqual(
    await tile(page, 'Cron success, 24 h')
      .last()
      .locator('p')
      .evaluateAll((ps) => ps.filter((p) => p.scrollWidth > p.clientWidth).map((p) => p.textContent)),
    [],
  );
  assert.deepEqual(await accessibilityViolations(page), []);

  // the row opens office's dashboard: its tiles and lists say what the row said
  await fleetRow(page, 'office').getByRole('link').click();
  await page.waitForURL(/[?&]gateway=office/);
  await page.getByRole('region', { name: 'Gateways' }).waitFor({ state: 'detached' });
  assert.deepEqual(await switcher(page).inputValue(), 'office');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await attention.getByText(OFFICE_JOB).waitFor();
  assert.equal(
    await attention
      .getByRole('listitem')
      .filter({ has: page.locator('a[href^="/cron/"]') })
      .count(),
    Number(row.failing),
    'the failing jobs listed',
  );
  assert.match(await tile(page, 'Active agents').last().innerText(), new RegExp(`^Active agents\\s+${row.agents}\\b`));
  assert.match(await tile(page, 'Spent today (UTC)').last().innerText(), new RegExp(`\\${row.spent}`));
  assert.match(await tile(page, 'Gateway').last().innerText(), /Connected/);
  assert.match(await tile(page, 'Cron success, 24 h').last().innerText(), /1 job failing/);
  await screenshot(page, 'fleet-dashboard-office');
  assert.deepEqual(await accessibilityViolations(page), []);
  await switcher(page).selectOption('');
  await page.waitForURL((url) => !url.searchParams.has('gateway'));
  await page.close();

  const phone = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await phone.goto(studio.url);
  for (const name of names) await fleetRow(phone, name).waitFor();
  assert.match(await fleetRow(phone, 'office').innerText(), /Jobs failing\s+1/);
  assert.ok(
    (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375,
    'no sideways scrolling at 375 px',
  );
  await screenshot(phone, 'mobile-dark-fleet-dashboard');
  assert.deepEqual(await accessibilityViolations(phone), []);
  await phone.close();
});

test('Settings: a daily budget for one gateway, apart from the fleet’s; what each spent today', async () => {
  const office = await ensureGateway(t.db, 'office');
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio.url}/settings`);
  const form = page.getByRole('form', { name: 'Budget of the day' });
  const appliesTo = form.getByLabel('Applies to');
  assert.equal(await appliesTo.inputValue(), '', 'all gateways at first (the page shows all)');
  await appliesTo.selectOption({ label: 'office only' });
  await form.getByLabel('Max cost (USD)').fill('5');
  await form.getByRole('button', { name: 'Save budget' }).click();
  await form.getByRole('status').getByText('Budget saved.').waitFor();
  const budgets = await listBudgets(t.db, { scope: 'day' });
  assert.deepEqual(
    budgets.map((b) => [b.gateway_id, b.max_cost_usd]),
    [[office.id, 5]],
  );
  // the fleet's is another budget: none set yet, its fields empty; office's come back with it
  await appliesTo.selectOption('');
  assert.equal(await form.getByLabel('Max cost (USD)').inputValue(), '');
  await appliesTo.selectOption({ label: 'office only' });
  await until(
    'office’s budget in the fields (the save’s refresh)',
    async () => (await form.getByLabel('Max cost (USD)').inputValue()) === '5',
  );
  const spent = page.getByRole('region', { name: 'Spent today' }).getByRole('listitem');
  assert.deepEqual(
    (await spent.allInnerTexts()).map((x) => x.split(/\s+/)[0]),
    ['All', 'default', 'office'],
  );
  assert.match(
    await spent.filter({ hasText: 'office' }).innerText(),
    /\$0\.250 · 1,000 tokens/,
    'the fleet view’s figure',
  );
  await screenshot(page, 'fleet-settings-budget');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.close();
});
