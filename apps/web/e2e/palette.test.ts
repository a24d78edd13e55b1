// The command palette (issue 16 item 8): a server-side search of everything, grouped, a job's many run
// sessions as one line, dates on every hit; actions ("run …" and "pause …" a job found, new job, launch swarm, theme).
// On the demo, desktop and a 375 px phone in dark mode, axe clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, useDemoStudio } from './harness';

const { studio, browser } = useDemoStudio();

async function openPalette(page: Page, query: string) {
  await page.keyboard.press('Control+k');
  const input = page.getByPlaceholder('Jump to a job, session, content or page…');
  await input.fill(query);
  return page.getByRole('dialog');
}

test('“digest” finds the job with its next run, its run sessions as one line with their count, and the content, grouped', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(studio().url);
  const palette = await openPalette(page, 'digest');
  const job = palette.getByRole('group', { name: 'Cron jobs' }).getByRole('option', { name: /Daily market digest/ });
  await job.waitFor();
  assert.match(await job.innerText(), /next run \S+/);
  const sessions = palette.getByRole('group', { name: 'Agent sessions' }).getByRole('option');
  const digestSessions = sessions.filter({ hasText: 'Automation: Daily market digest' });
  // the groups come in together, but a busy machine may draw the jobs' before the sessions'
  await digestSessions.first().waitFor();
  assert.equal(await digestSessions.count(), 1, 'the digest’s run sessions are one line');
  assert.match(await digestSessions.innerText(), /\d+ cron sessions/);
  assert.match(await digestSessions.innerText(), /last active \S+/);
  const content = palette.getByRole('group', { name: 'Content' }).getByRole('option');
  assert.ok((await content.count()) >= 1);
  assert.match(await content.first().innerText(), /(updated|publishes|published) \S+/);
  // a name alone opens: acting on a job takes its verb first
  assert.equal(await palette.getByRole('option', { name: /^(Run|Pause) “/ }).count(), 0);
  await screenshot(page, 'palette-search');
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('pause digest');
  await palette.getByRole('option', { name: 'Pause “Daily market digest”' }).waitFor();
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('run digest');
  const run = palette.getByRole('option', { name: 'Run “Daily market digest” now' });
  await run.waitFor();
  await screenshot(page, 'palette-run-job');
  await run.click();
  await page.getByText('Run of “Daily market digest” started.').waitFor();

  // the hit opens the newest of those sessions
  await openPalette(page, 'digest');
  await page
    .getByRole('dialog')
    .getByRole('group', { name: 'Agent sessions' })
    .getByRole('option')
    .filter({ hasText: 'Automation: Daily market digest' })
    .click();
  await page.waitForURL(/\/agents\/[0-9a-f-]{36}$/);
  await page.close();
});

test('actions: New job and Launch swarm open their forms, the theme switches', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(studio().url);
  await (await openPalette(page, 'new job')).getByRole('option', { name: 'New job' }).click();
  await page.getByRole('dialog', { name: 'New job' }).waitFor();
  // the request to open is taken off the address (a reload does not open it again)
  await page.waitForURL((u) => u.pathname === '/cron' && !u.searchParams.has('open'));
  await page.keyboard.press('Escape');
  await (await openPalette(page, 'swarm')).getByRole('option', { name: 'Launch swarm' }).click();
  await page.getByRole('dialog', { name: 'Launch a swarm' }).waitFor();
  await page.keyboard.press('Escape');
  const dark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
  const before = await dark();
  // system (light here) → light → dark
  for (let i = 0; i < 2; i++)
    await (await openPalette(page, 'theme')).getByRole('option', { name: /^Switch theme to / }).click();
  assert.notEqual(await dark(), before);
  await page.close();
});

test('on a phone in dark mode the palette fits, and a query nothing matches says so', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await page.goto(`${studio().url}/cron`);
  const palette = await openPalette(page, 'inbox');
  await palette
    .getByRole('group', { name: 'Cron jobs' })
    .getByRole('option', { name: /Inbox triage/ })
    .waitFor();
  await screenshot(page, 'mobile-dark-palette');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('zzqx-nothing');
  await palette.getByText('Nothing matches “zzqx-nothing”.').waitFor();
  await page.close();
});
