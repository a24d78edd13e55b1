// Acting from the studio: every action goes page → API → command → bridge → gateway (the demo simulator)
// and its outcome shows in the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { accessibilityViolations, screenshot, useDemoStudio } from './harness';

// a launched swarm's sub-agents work until stopped here: the demo's last 20-40 s, less than a loaded machine
// took to get from Launch to Cancel
const { studio, page, browser } = useDemoStudio({ sharedPage: true, env: { STUDIO_DEMO_SWARM_SECONDS: '3600' } });

const json = async (path: string) => (await studio().fetch(path)).json();

async function confirm(name: string) {
  await page().getByRole('button', { name, exact: true }).first().click();
  await page().getByRole('dialog').getByRole('button', { name, exact: true }).click();
}

test('pause and resume a job; retry a failed run', async () => {
  const job = (await json('/api/cron/jobs')).jobs.find((j: { name: string }) => j.name === 'Competitor pricing scan');
  await page().goto(`${studio().url}/cron/${job.id}`);
  await confirm('Pause');
  await page().getByRole('status').filter({ hasText: 'Paused.' }).waitFor();
  await page().getByText('paused', { exact: true }).waitFor();
  await confirm('Resume');
  await page().getByRole('status').filter({ hasText: 'Resumed.' }).waitFor();

  const failed = (await json(`/api/cron/jobs/${job.id}/runs?status=failed&limit=1`)).runs[0];
  assert.ok(failed, 'the demo history has a failed run of this job');
  await page().goto(`${studio().url}/cron/runs/${failed.id}`);
  await confirm('Retry');
  await page().waitForURL((u) => u.pathname.startsWith('/cron/runs/') && !u.pathname.endsWith(failed.id));
  await page().getByText('retry', { exact: true }).waitFor();
});

test('the edit form opens on the job as it is now, after a change made elsewhere', async () => {
  const job = (await json('/api/cron/jobs')).jobs.find((j: { name: string }) => j.name === 'Weekly SEO report');
  await page().goto(`${studio().url}/cron/${job.id}`);
  await page().getByRole('button', { name: 'Edit' }).click();
  const expr = page().getByRole('dialog').getByLabel('Cron expression');
  assert.equal(await expr.inputValue(), '0 6 * * 1');
  await page().keyboard.press('Escape');
  // changed by someone else (another tab, a script, OpenClaw itself) while this page stays open
  const res = await studio().fetch(`/api/cron/jobs/${job.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schedule: { kind: 'cron', expr: '30 6 * * 1' } }),
  });
  assert.equal(res.status, 200, await res.text());
  await page().getByText('30 6 * * 1').first().waitFor();
  await page().getByRole('button', { name: 'Edit' }).click();
  assert.equal(await expr.inputValue(), '30 6 * * 1', 'not the value the form was first filled with');
  await page().keyboard.press('Escape');
});

test('launch a swarm (context JSON checked first), cancel one session, then stop everything', async () => {
  await page().goto(`${studio().url}/agents`);
  await page().getByRole('button', { name: 'Launch swarm' }).click();
  const dialog = page().getByRole('dialog');
  await dialog.getByLabel('Task').fill('Review the pricing page copy');
  await dialog.getByLabel('Agents (comma-separated)').fill('copy-critic, seo-checker');
  await dialog.getByLabel('Context (JSON, optional)').fill('{"market": EU}');
  await dialog.getByRole('button', { name: 'Launch' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
  await dialog.getByLabel('Context (JSON, optional)').fill('{"market": "EU"}');
  await screenshot(page(), 'swarm-launcher');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await dialog.getByRole('button', { name: 'Launch' }).click();
  await page().getByRole('region', { name: 'Running' }).getByText('seo-checker').waitFor();

  await page().getByRole('region', { name: 'Running' }).getByText('copy-critic').click();
  await page().getByRole('heading', { name: 'copy-critic' }).waitFor();
  await confirm('Cancel session');
  const cancelled = page()
    .getByRole('status')
    .filter({ hasText: /Cancel|Could not|already finished|bridge|unreachable/ });
  await cancelled.waitFor();
  assert.match(await cancelled.innerText(), /Cancel/);
  await page().getByText('cancelled', { exact: true }).first().waitFor();
  await screenshot(page(), 'session-cancelled');

  await page().goto(`${studio().url}/agents`);
  await page().waitForFunction(
    () => !document.querySelector('button[disabled]')?.textContent?.includes('Stop everything'),
  );
  await confirm('Stop everything');
  // one outcome per session, in words ("name: stopped", or why not)
  const outcome = page()
    .getByRole('status')
    .filter({ hasText: /\S+: \S+/ });
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /stopped/, await outcome.innerText());
  await screenshot(page(), 'stop-everything');
});

test('content moves through its workflow and is published at a URL', async () => {
  const draft = (await json('/api/gtm/outputs?status=draft&limit=1')).outputs[0];
  await page().goto(`${studio().url}/content/${draft.id}`);
  const workflow = page().getByRole('region', { name: 'Workflow' });
  await workflow.getByRole('button', { name: 'Submit for review' }).click();
  await workflow.getByRole('status').filter({ hasText: 'pending review' }).waitFor();
  await workflow.getByRole('button', { name: 'Approve' }).click();
  await workflow.getByLabel('Published at (URL)').fill('https://example.com/blog/launch');
  await screenshot(page(), 'content-workflow');
  await workflow.getByRole('button', { name: 'Publish' }).click();
  await page().getByRole('link', { name: 'https://example.com/blog/launch' }).waitFor();
  const after = (await json(`/api/gtm/outputs/${draft.id}`)).output;
  assert.equal(after.status, 'published');
  assert.ok(after.publishedAt);
});

test('budgets: a job’s budget is set on its page(); a daily budget passed warns with a toast and in the activity log', async () => {
  const job = (await json('/api/cron/jobs')).jobs.find((j: { name: string }) => j.name === 'Competitor pricing scan');
  await page().goto(`${studio().url}/cron/${job.id}`);
  const jobBudget = page().getByRole('form', { name: /Budget of/ });
  await jobBudget.getByLabel('Max tokens').fill('50000');
  await jobBudget.getByLabel('When passed').selectOption('warn');
  await jobBudget.getByRole('button', { name: 'Save budget' }).click();
  await jobBudget.getByRole('status').filter({ hasText: 'Budget saved.' }).waitFor();
  const saved = (await json(`/api/budgets?scope=job&target=${job.id}`)).budgets[0];
  assert.deepEqual([saved.maxTokens, saved.action], [50000, 'warn']);

  // the activity log, open in another tab, shows what follows live (no reload)
  const log = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await log.goto(`${studio().url}/activity?kind=budget`);
  await log.locator('[data-live-state="live"]').waitFor();
  await log.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  await page().goto(`${studio().url}/settings`);
  const daily = page().getByRole('form', { name: 'Budget of the day' });
  await daily.getByLabel('Max tokens').fill('1');
  await daily.getByLabel('When passed').selectOption('warn');
  await daily.getByRole('button', { name: 'Save budget' }).click();
  await daily.getByRole('status').filter({ hasText: 'Budget saved.' }).waitFor();
  // the demo's agents spend tokens all day: the watcher notices within seconds and only warns
  await page().locator('[data-sonner-toast]').filter({ hasText: 'passed the daily budget' }).waitFor();
  await screenshot(page(), 'budget-warning', { toasts: true });
  const warning = log
    .getByRole('region', { name: 'Actions' })
    .getByRole('listitem')
    .filter({ hasText: 'Budget warning' });
  await warning.getByText('warned').waitFor();
  await warning.getByText(/passed the daily budget \(1 tokens/).waitFor();
  await warning.getByText('budget watcher').waitFor();
  await log
    .getByRole('region', { name: 'Actions' })
    .getByRole('listitem')
    .filter({ hasText: 'Set budget' })
    .filter({ hasText: 'daily budget' })
    .waitFor();
  assert.ok(await log.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), 'no reload');
  await screenshot(log, 'activity-budget');
  await log.close();
});
