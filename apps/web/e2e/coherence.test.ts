// Issue 16: one coherent studio: Settings findable, one way of writing dates, the two "activity" lists named
// apart, and an idle page that does not keep fetching.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, useDemoStudio } from './harness';
import { countIdleRequests } from './idle-requests';

const { studio, browser } = useDemoStudio();
const desktop = { viewport: { width: 1280, height: 900 } };
const phoneDark = { viewport: { width: 375, height: 812 }, colorScheme: 'dark' as const };

async function checkPage(page: Page, name: string) {
  await screenshot(page, name);
  assert.deepEqual(await accessibilityViolations(page), [], name);
  assert.ok(
    (await page.evaluate(() => document.documentElement.scrollWidth)) <= (page.viewportSize()?.width ?? 0),
    `${name} scrolls sideways`,
  );
}

test('Settings is reachable from the sidebar, the phone menu and Ctrl+K', async () => {
  const page = await studio().newPage(browser(), desktop);
  await page.goto(studio().url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await checkPage(page, 'coherence-settings');
  await page.goto(studio().url);
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('settings');
  await page.getByRole('option', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings$/);
  await page.close();

  const phone = await studio().newPage(browser(), phoneDark);
  await phone.goto(studio().url);
  await phone.getByRole('button', { name: 'Open navigation' }).click();
  const menu = phone.getByRole('dialog');
  await menu.getByRole('link', { name: 'Settings' }).waitFor();
  await checkPage(phone, 'coherence-mobile-dark-nav');
  await menu.getByRole('link', { name: 'Settings' }).click();
  await phone.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await phone.close();
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Each absolute date on the page (a <time> whose text names a month): its instant, and the day its text says. */
async function writtenDays(page: Page): Promise<Map<string, string>> {
  const found = await page
    .locator('main time[datetime]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('datetime')!, (e as HTMLElement).innerText] as const));
  const days = new Map<string, string>();
  for (const [iso, text] of found) {
    // "Sat 5 Dec" (en-GB) or "Sat, Dec 5" (en-US): the month's name decides which number is the day
    const m = new RegExp(`\\b(\\d{1,2}) (${MONTHS.join('|')})\\b|\\b(${MONTHS.join('|')}) (\\d{1,2})\\b`).exec(text);
    if (!m) continue;
    days.set(iso, `${m[1] ?? m[4]} ${m[2] ?? m[3]}`);
  }
  return days;
}

test('a date reads the same day in en-US and en-GB browsers: month names, the viewer’s zone, the exact time on hover', async () => {
  const jobs: { id: string; name: string; timezone: string | null }[] = (
    await (await studio().fetch('/api/cron/jobs')).json()
  ).jobs;
  const job = jobs.find((j) => j.name === 'Daily market digest')!;
  const item = (await (await studio().fetch('/api/gtm/outputs?limit=1')).json()).outputs[0];
  const timeZone = 'Pacific/Kiritimati'; // UTC+14: a day apart from the server's UTC for much of the day
  const byLocale: Record<string, Map<string, string>> = {};
  for (const locale of ['en-US', 'en-GB']) {
    const page = await studio().newPage(browser(), { ...desktop, locale, timezoneId: timeZone });
    // the first visit tells the studio the browser's format (a cookie); from then on the server draws with it
    await page.goto(studio().url);
    await page.waitForFunction(() => document.cookie.includes('studio-dates='));
    const days = new Map<string, string>();
    for (const path of [`/content/${item.id}`, '/metrics', `/cron/${job.id}`]) {
      await page.goto(`${studio().url}${path}`);
      await page.locator('main h1').first().waitFor();
      if (path.startsWith('/cron/'))
        await page.getByRole('region', { name: 'Next runs' }).locator('time').first().waitFor();
      const main = await page.locator('main').innerText();
      assert.doesNotMatch(main, /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/, `${path} writes a date with slashes (${locale})`);
      for (const [iso, day] of await writtenDays(page)) days.set(iso, day);
      if (path.startsWith('/content')) await checkPage(page, `coherence-dates-${locale}`);
    }
    // each written day is the day of that instant in the browser's zone (or the job's own, which it names)
    let inViewerZone = 0;
    for (const [iso, day] of days) {
      const expected = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' }).format(
        new Date(iso),
      );
      if (expected === day) inViewerZone++;
    }
    assert.ok(
      days.size >= 5,
      `dates found (${locale}): ${[...days.values()].join(', ')} in ${await page.locator('main time').allInnerTexts()}`,
    );
    assert.ok(
      inViewerZone >= days.size - (job.timezone ? 5 : 0),
      `${inViewerZone} of ${days.size} in the viewer's zone (${locale})`,
    );
    byLocale[locale] = days;
    const exact = await page.locator('main time[title]').first().getAttribute('title');
    assert.match(exact ?? '', /^[A-Z][a-z]{2}, .*\d{4}.*\d{1,2}:\d{2}:\d{2}/, 'the exact time on hover');
    await page.close();
  }
  const both = [...byLocale['en-US']!.keys()].filter((iso) => byLocale['en-GB']!.has(iso));
  assert.ok(both.length >= 3, 'the same dates shown to both');
  for (const iso of both)
    assert.equal(byLocale['en-US']!.get(iso), byLocale['en-GB']!.get(iso), `${iso} reads another day`);
});

test('the cron timeline labels the viewer’s hours', async () => {
  const page = await studio().newPage(browser(), { ...desktop, locale: 'en-GB', timezoneId: 'Asia/Kolkata' });
  await page.goto(studio().url);
  await page.waitForFunction(() => document.cookie.includes('studio-dates='));
  await page.goto(`${studio().url}/cron`);
  const figure = page.getByRole('figure', { name: /Runs of \d+ jobs/ });
  const labels = (await figure.locator('div').first().locator('span').allInnerTexts()).filter((t) => t !== 'now');
  assert.ok(labels.length >= 6, labels.join(' '));
  // every 6 hours of the viewer's day: 00:00 is written as the day, others as 06:00, 12:00, 18:00
  for (const l of labels) assert.match(l, /^(06:00|12:00|18:00|\d{1,2} [A-Z][a-z]{2})$/, labels.join(' '));
  await page.close();
});

test('the dashboard’s Live events and the Audit log are named apart', async () => {
  const page = await studio().newPage(browser(), desktop);
  await page.goto(studio().url);
  const feed = page.getByRole('region', { name: 'Live events' });
  await feed.getByRole('heading', { name: 'Live events' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Activity' }).count(), 0);
  await feed.getByRole('link', { name: 'Audit log of your actions' }).click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  assert.equal(await page.title(), 'Audit log · Agent Studio');
  assert.equal(
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .getAttribute('aria-current'),
    'page',
  );
  await checkPage(page, 'coherence-audit-log');
  await page.close();
  const phone = await studio().newPage(browser(), phoneDark);
  await phone.goto(`${studio().url}/activity`);
  await phone.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await checkPage(phone, 'coherence-mobile-dark-audit-log');
  await phone.close();
});

test('an idle page asks nothing but its event stream and its own refresh; a link prefetches once pointed at', async () => {
  const jobs: { id: string; name: string }[] = (await (await studio().fetch('/api/cron/jobs')).json()).jobs;
  const job = jobs.find((j) => j.name === 'Inbox triage')!;
  // the pages the bench measures; the demo runs jobs every few seconds, so each refreshes several times meanwhile
  for (const path of [`/cron/${job.id}`, '/agents']) {
    const other = await studio().newPage(browser(), desktop);
    const idle = await countIdleRequests(other, `${studio().url}${path}`, 15_000);
    assert.equal(
      idle.other,
      0,
      `requests while ${path} is idle: ${idle.samples.join(', ')} (${idle.refreshes} refreshes before or among them)`,
    );
    await other.close();
  }
  const page = await studio().newPage(browser(), desktop);
  const idle = await countIdleRequests(page, studio().url, 15_000);
  assert.equal(idle.other, 0, `requests while idle: ${idle.samples.join(', ')}`);
  const prefetched = page.waitForRequest(
    (r) => r.headers()['next-router-prefetch'] === '1' && new URL(r.url()).pathname === '/metrics',
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Metrics' }).hover();
  await prefetched;
  await page.close();
});

test('small things: a tab icon, one <h1> per page, content types in words, filters applied as typed, no Pause on a finished log, one name for a model', async () => {
  const page = await studio().newPage(browser(), desktop);
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  // a scheduled item says when it publishes itself, in the list
  const draft = (await (await studio().fetch('/api/gtm/outputs?status=draft&limit=1')).json()).outputs[0];
  const when = new Date(Date.now() + 3 * 86_400_000);
  const scheduled = await studio().fetch(`/api/gtm/outputs/${draft.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scheduledFor: when.toISOString(), scheduledUrl: 'https://example.com/later' }),
  });
  assert.equal(scheduled.status, 200);
  await page.goto(`${studio().url}/content`);
  const publishes = page
    .getByRole('region', { name: 'Content items' })
    .locator(`li:has(a[href="/content/${draft.id}"])`)
    .getByText(/publishes/);
  assert.match(
    await publishes.innerText(),
    /publishes\s+[A-Z][a-z]{2},? (\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})/,
  );
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  assert.match(icon ?? '', /^\/icon\.svg/);
  const res = await page.request.get(`${studio().url}${icon}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /image\/svg\+xml/);
  assert.deepEqual(missing, [], 'nothing answered 404 while the page loaded');

  const items = page.getByRole('region', { name: 'Content items' });
  await items.locator('li').first().waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /\bblog_post\b/);
  await page.getByRole('search').getByPlaceholder('Search titles and text').fill('digest');
  await page.waitForURL(/q=digest/);
  await page.getByRole('search').getByRole('combobox', { name: 'Sort' }).selectOption('priority');
  await page.waitForURL(/sort=priority/);
  assert.equal(await page.getByRole('search').getByRole('button').count(), 0, 'no Apply button');

  await items.locator('li a').first().click();
  await page.getByRole('region', { name: 'Preview' }).locator('h2').first().waitFor();
  assert.equal(await page.locator('h1').count(), 1, 'the text’s own title is not a second <h1>');

  // a run that has ended: its log neither pauses nor follows
  const jobs: { id: string; name: string }[] = (await (await studio().fetch('/api/cron/jobs')).json()).jobs;
  const triage = jobs.find((j) => j.name === 'Inbox triage')!;
  const { runs } = await (await studio().fetch(`/api/cron/jobs/${triage.id}/runs?limit=5`)).json();
  const done = runs.find((r: { status: string }) => r.status === 'completed');
  await page.goto(`${studio().url}/cron/runs/${done.id}`);
  await page.locator('[data-log-state="ended"]').waitFor();
  assert.equal(await page.getByRole('button', { name: /^(Pause|Follow)$/ }).count(), 0);

  // the model is written one way on a run and on a session (as the metrics group it), OpenClaw's reference on hover
  const model = page.locator('dt', { hasText: /^Model$/ }).locator('xpath=following-sibling::dd[1]');
  const onRun = [await model.innerText(), await model.getAttribute('title')];
  const sessions: { id: string; model: string | null }[] = (
    await (await studio().fetch('/api/agents/sessions?limit=20')).json()
  ).sessions;
  await page.goto(`${studio().url}/agents/${sessions.find((s) => s.model)!.id}`);
  assert.deepEqual([await model.innerText(), await model.getAttribute('title')], onRun);
  assert.deepEqual(onRun, ['sim-1', 'simulator/sim-1']);
  await page.close();
});

test('an action’s outcome beside its button goes after a while; a content conflict is a warning, not a failure', async () => {
  const jobs: { id: string; name: string; enabled: boolean }[] = (await (await studio().fetch('/api/cron/jobs')).json())
    .jobs;
  const job = jobs.find((j) => j.name === 'Weekly SEO report')!;
  const page = await studio().newPage(browser(), desktop);
  await page.goto(`${studio().url}/cron/${job.id}`);
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Run now' }).click();
  const said = page.getByRole('status').filter({ hasText: /Run started\.|Queued/ });
  await said.waitFor();
  await said.waitFor({ state: 'detached' });
  await page.close();

  // a workflow move: its words and the page's status badge change together
  const drafts = (await (await studio().fetch('/api/gtm/outputs?status=draft&limit=3')).json()).outputs;
  const moving = drafts[drafts.length - 1];
  const itemPage = await studio().newPage(browser(), desktop);
  await itemPage.goto(`${studio().url}/content/${moving.id}`);
  await itemPage.getByRole('button', { name: 'Submit for review' }).click();
  await itemPage.getByRole('status').filter({ hasText: 'Moved to pending review.' }).waitFor();
  assert.equal(
    await itemPage.locator('h1 + *').innerText(),
    'pending review',
    'the badge beside the title says so at once',
  );
  await itemPage.close();

  // a save against an old revision: the editor's chooser answers it; the audit log says warned
  const item = (await (await studio().fetch('/api/gtm/outputs?limit=1')).json()).outputs[0];
  const detail = (await (await studio().fetch(`/api/gtm/outputs/${item.id}`)).json()).output;
  const save = (markdown: string, baseRevision: number) =>
    studio().fetch(`/api/gtm/outputs/${item.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content_md: markdown, baseRevision }),
    });
  assert.equal((await save(`${detail.contentMd}\nfirst`, detail.revision)).status, 200);
  assert.equal((await save(`${detail.contentMd}\nsecond`, detail.revision)).status, 409);
  const { entries } = await (await studio().fetch('/api/activity?limit=5')).json();
  const refused = entries.find((a: { error: string | null }) => a.error);
  assert.equal(refused?.outcome, 'warned', JSON.stringify(entries.slice(0, 2)));
});

test('/agents on a phone: a session is two lines with a small status pill, and Older sessions comes within a few screens', async () => {
  const phone = await studio().newPage(browser(), phoneDark);
  await phone.goto(`${studio().url}/agents`);
  const recent = phone.getByRole('region', { name: 'Recent' });
  await recent.locator('li').first().waitFor();
  const pill = recent
    .locator('li')
    .first()
    .locator('[class*="rounded"]')
    .filter({ hasText: /^(completed|failed|cancelled|idle|running|error|timeout)$/ })
    .first();
  const width = (await pill.boundingBox())!.width;
  assert.ok(width < 120, `the status pill is ${width}px wide`);
  // the demo's history holds far more sessions than a page of them
  const older = phone.getByRole('link', { name: 'Older sessions' });
  const top = await older.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < 2600, `Older sessions at ${top}px`);
  await checkPage(phone, 'coherence-mobile-dark-agents');
  await phone.close();
});

test('the publishing calendar puts a scheduled item on its day in the viewer’s zone, from Content and Ctrl+K', async () => {
  // 20:30 UTC on 15 January is already the 16th in Auckland (UTC+13 in summer)
  const item = (await (await studio().fetch('/api/gtm/outputs?status=pending_review&limit=1')).json()).outputs[0];
  const scheduled = await studio().fetch(`/api/gtm/outputs/${item.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scheduledFor: '2027-01-15T20:30:00Z', scheduledUrl: 'https://example.com/calendar' }),
  });
  assert.equal(scheduled.status, 200);

  const page = await studio().newPage(browser(), { ...desktop, locale: 'en-GB', timezoneId: 'Pacific/Auckland' });
  await page.goto(`${studio().url}/content`);
  await page.getByRole('link', { name: 'Publishing calendar' }).click();
  await page.getByRole('heading', { name: 'Publishing calendar', level: 1 }).waitFor();
  await page.goto(`${studio().url}/content/calendar?month=2027-01`);
  const grid = page.getByRole('region', { name: 'January 2027, by day' });
  const entry = grid.locator(`a[href="/content/${item.id}"]`);
  // the browser tells its zone on the first visit, and the page is rendered again in it
  await page.locator('td[aria-label="Saturday 16 January"]').locator(`a[href="/content/${item.id}"]`).waitFor();
  assert.equal(await entry.locator('time').innerText(), '09:30');
  await checkPage(page, 'coherence-content-calendar');
  await page.getByRole('navigation', { name: 'Month' }).getByRole('link', { name: 'Previous month' }).click();
  await page.getByRole('region', { name: 'December 2026, by day' }).waitFor();
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('calendar');
  await page.getByRole('option', { name: 'Publishing calendar' }).waitFor();
  await page.close();

  const phone = await studio().newPage(browser(), { ...phoneDark, locale: 'en-GB', timezoneId: 'Pacific/Auckland' });
  await phone.goto(`${studio().url}/content/calendar?month=2027-01`);
  const days = phone.getByRole('region', { name: 'January 2027, day by day' });
  await days
    .getByRole('listitem')
    .filter({ has: phone.getByRole('heading', { name: 'Saturday 16 January' }) })
    .locator(`a[href="/content/${item.id}"]`)
    .waitFor();
  await checkPage(phone, 'coherence-mobile-dark-content-calendar');
  await phone.close();
});
