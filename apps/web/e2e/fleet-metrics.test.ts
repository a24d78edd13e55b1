// The fleet in Chromium, continued (issue 18 item 5): the gateway switcher filters the metrics page (run
// figures, usage per agent, the system samples), the command palette's search and the audit log. The demo
// runs on a Postgres database of the test's own; a second gateway, "office", gets a job with three runs (two
// succeeded), a costed session, a sample of its agents and an audit entry, written as its bridge and the
// studio's sampler write them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  DEFAULT_GATEWAY_ID,
  createGateway,
  insertMetrics,
  listCronJobs,
  recordActivity,
  upsertAgentSession,
  upsertCronRun,
  type GatewayRow,
} from '@agent-studio/database';
import { createPostgresDatabase, testCronJob, until, type TestDatabase } from '@agent-studio/database/testing';
import { accessibilityViolations, launchBrowser, screenshot, startDemoStudio, type RunningStudio } from './harness';

const OFFICE_JOB = 'Office market digest'; // "digest" also finds the demo's Daily market digest
const OFFICE_AGENT = 'office-analyst';
let t: TestDatabase;
let studio: RunningStudio;
let browser: Browser;
let office: GatewayRow;

before(async () => {
  t = await createPostgresDatabase();
  browser = await launchBrowser();
  studio = await startDemoStudio({ DATABASE_URL: t.url! });
  // the demo's jobs are mirrored before the office's are added, so both gateways have history
  await until('the demo mirrored', async () => (await listCronJobs(t.db, {})).length > 3);
  office = await createGateway(t.db, 'office');
  const job = await testCronJob(t.db, { gatewayId: office.id, externalId: 'office-digest', name: OFFICE_JOB });
  const now = Date.now();
  for (const [i, status] of (['completed', 'completed', 'failed'] as const).entries()) {
    const startedAt = new Date(now - (i + 1) * 600_000);
    await upsertCronRun(t.db, {
      jobId: job.id,
      externalId: `office-digest-${i}`,
      startedAt,
      finishedAt: new Date(startedAt.getTime() + 42_000),
      durationMs: 42_000,
      status,
      error: status === 'failed' ? 'feed unreachable' : null,
    });
  }
  await upsertAgentSession(t.db, {
    gatewayId: office.id,
    sessionKey: 'agent:main:office-analyst',
    agentName: OFFICE_AGENT,
    agentType: 'singleton',
    status: 'completed',
    startedAt: new Date(now - 1_200_000),
    completedAt: new Date(now - 600_000),
    model: 'office-model',
    tokenUsage: { input: 9000, output: 3000, total: 12_000 },
    costUsd: 0.25,
  });
  await insertMetrics(t.db, [
    { type: 'agents', name: 'agents.active', value: 3, at: new Date(now - 120_000), gatewayId: office.id },
  ]);
  const demoJob = (await listCronJobs(t.db, { gatewayId: DEFAULT_GATEWAY_ID }))[0]!;
  for (const [j, gateway] of [
    [job, 'office'],
    [demoJob, 'demo'],
  ] as const)
    await t.db.transaction((tx) =>
      recordActivity(tx, {
        actor: { kind: 'owner', id: null, name: 'owner' },
        action: 'cron.setEnabled',
        target: { kind: 'cron_job', id: j.id, label: `${j.name} (${gateway})` },
        detail: { enabled: false },
        outcome: 'succeeded',
      }),
    );
  await t.db.transaction((tx) =>
    recordActivity(tx, {
      actor: { kind: 'owner', id: null, name: 'owner' },
      action: 'token.create',
      target: { kind: 'api_token', id: null, label: 'fleet e2e token' },
      outcome: 'succeeded',
    }),
  );
});

after(async () => {
  await browser?.close();
  await studio?.stop();
  await t?.drop();
});

const switcher = (page: Page) => page.getByRole('combobox', { name: 'Gateway' });
const cronSummary = (page: Page) =>
  page.locator('section[aria-labelledby="h-cron-jobs"]').locator('p', { hasText: /runs succeeded|No finished runs/ });
/** A chart's table view (opened if the chart shows), its rows as their cells' text; none when it is empty. */
async function tableRows(panel: Locator): Promise<string[][]> {
  const table = panel.getByRole('table');
  const toggle = panel.getByRole('button', { name: 'table' });
  if (!(await table.isVisible()) && (await toggle.isVisible())) await toggle.click();
  if (!(await table.isVisible())) return [];
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
}
const tableKeys = async (panel: Locator) => (await tableRows(panel)).map((r) => r[0]!);
/** How many runs the cron summary counts (0: none). */
const runsCounted = async (page: Page) =>
  Number(/of ([\d,]+) runs succeeded/.exec(await cronSummary(page).innerText())?.[1]?.replace(/,/g, '') ?? 0);
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('metrics: the switcher charts one gateway’s runs, usage and samples, and every gateway’s again', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio.url}/metrics?range=24h`);
  await switcher(page).waitFor();
  await until('every gateway’s runs summed', async () => (await runsCounted(page)) > 3);

  await switcher(page).selectOption('office');
  await page.waitForURL(/[?&]gateway=office/);
  await until('office’s runs alone', async () =>
    /^66\.7% of 3 runs succeeded$/.test(await cronSummary(page).innerText()),
  );
  assert.deepEqual(await tableKeys(region(page, 'Success rate per job')), [OFFICE_JOB]);
  assert.deepEqual(await tableKeys(region(page, 'Usage per agent')), [OFFICE_AGENT]);
  assert.deepEqual(await tableKeys(region(page, 'Usage per model')), ['office-model']);
  // office's own samples (its bridge never connected: 0%, the demo's gateway is up), written each minute
  const up = region(page, 'Gateway connected (share of samples)');
  const officeUp = await until('a sample of office’s connection', async () => {
    const rows = await tableRows(up);
    return rows.length > 0 && rows;
  });
  assert.deepEqual([...new Set(officeUp.map((r) => r[1]))], ['0%'], 'office was never connected');
  // the disks are the studio host's, and say so
  const disks = await page.locator('main [role=region] h2', { hasText: /disk used/ }).allInnerTexts();
  for (const d of disks) assert.match(d, /\(the studio’s\)$/, d);
  assert.equal(await page.getByText('not split by gateway').count(), 0, 'the old notice is gone');
  // schedule advice weighs office's one job alone: nothing of the demo's to collide with
  const overlaps = region(page, 'Overlapping jobs');
  await overlaps.getByText('No two jobs run at the same time.').waitFor();
  await screenshot(page, 'fleet-metrics-office');
  assert.deepEqual(await accessibilityViolations(page), []);

  await switcher(page).selectOption('');
  await page.waitForURL((url) => !url.searchParams.has('gateway'));
  // the demo's history and office's runs (the demo keeps running: a count, not a figure to compare)
  await until('every gateway’s runs again', async () => (await runsCounted(page)) > 3);
  const jobs = await tableKeys(region(page, 'Success rate per job'));
  // the demo's half-hourly scan: always a finished run in 24 h (the daily digest has none while its run of the
  // day goes on and the last one has just left the range)
  assert.ok(jobs.includes(OFFICE_JOB) && jobs.includes('Competitor pricing scan'), jobs.join());
  // every gateway's advice: the demo's jobs collide with each other, never with office's (another machine)
  const pairs = await overlaps.getByRole('listitem').allInnerTexts();
  assert.ok(pairs.length > 0, 'the demo’s own overlaps');
  assert.deepEqual(
    pairs.filter((p) => p.includes(OFFICE_JOB)),
    [],
  );
  const studioUp = (await tableRows(up)).map((r) => r[1]);
  assert.ok(
    studioUp.some((v) => v !== '0%'),
    `the studio's own samples: the demo's gateway is up (${studioUp.join()})`,
  );
  await page.close();
});

async function searchDigest(page: Page) {
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('digest');
  const jobs = page.getByRole('dialog').getByRole('group', { name: 'Cron jobs' }).getByRole('option');
  await jobs.first().waitFor();
  return jobs;
}

test('search and the audit log: the chosen gateway’s jobs only; the studio’s own entries stay, marked', async () => {
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio.url}/?gateway=office`);
  await switcher(page).waitFor();
  let jobs = await searchDigest(page);
  await until('office’s digest alone', async () => (await jobs.allInnerTexts()).every((j) => j.includes(OFFICE_JOB)));
  assert.equal(await jobs.count(), 1);
  await page.getByRole('dialog').getByText('of gateway office only').waitFor();
  await screenshot(page, 'fleet-palette-office');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.keyboard.press('Escape');

  // the audit log, reached by its address: the cookie keeps office
  await page.goto(`${studio.url}/activity`);
  const entries = page.getByRole('region', { name: 'Actions' }).getByRole('listitem');
  await entries.first().waitFor();
  const texts = await entries.allInnerTexts();
  assert.ok(texts.some((e) => e.includes(`${OFFICE_JOB} (office)`)));
  assert.ok(!texts.some((e) => e.includes('(demo)')), 'the demo gateway’s entry is not office’s');
  const token = entries.filter({ hasText: 'fleet e2e token' });
  assert.equal(await token.locator('[title="The studio’s own, not one gateway’s"]').innerText(), 'Studio');
  await screenshot(page, 'fleet-activity-office');
  assert.deepEqual(await accessibilityViolations(page), []);

  await switcher(page).selectOption('');
  await page.waitForURL((url) => !url.searchParams.has('gateway'));
  await entries.filter({ hasText: '(demo)' }).first().waitFor();
  jobs = await searchDigest(page);
  await until('both gateways’ digests', async () => {
    const names = await jobs.allInnerTexts();
    return names.some((j) => j.includes(OFFICE_JOB)) && names.some((j) => j.includes('Daily market digest'));
  });
  await page.close();
});
