// The content editor in Chromium: two tabs editing one item at once lose nothing (the second merges),
// shortcuts, a reload keeps an unsaved edit, history restore, and bulk approve with per-item outcomes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { until } from '@agent-studio/database/testing';
import { accessibilityViolations, E2E_DEADLINE_MS, screenshot, useDemoStudio } from './harness';

const demo = useDemoStudio();

const json = async (path: string, init?: RequestInit) =>
  (await demo.studio().fetch(path, { ...init, headers: { 'content-type': 'application/json' } })).json();
const drafts = (n: number) =>
  until(`the demo's ${n} drafts`, async () => {
    const { outputs } = await json(`/api/gtm/outputs?status=draft&limit=${n}`);
    return outputs.length >= n && (outputs as { id: string; title: string }[]);
  });
// each test edits its own drafts, taken once (the demo keeps writing new ones)
let pool: ReturnType<typeof drafts> | null = null;
const draft = async (i: number) => (await (pool ??= drafts(6)))[i]!;
const editorOf = (page: Page) => page.locator('.cm-content');
const saved = (page: Page) => page.locator('[data-save-state="saved"]').filter({ hasText: /^Saved \d/ });

test('two tabs edit one item at once: both autosave, the second merges, neither edit is lost', async () => {
  const item = await draft(0);
  const before = (await json(`/api/gtm/outputs/${item.id}`)).output;
  const context = await demo.browser().newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(E2E_DEADLINE_MS);
  await context.addCookies([
    { name: demo.studio().cookie.split('=')[0]!, value: demo.studio().cookie.split('=')[1]!, url: demo.studio().url },
  ]);
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) {
    await p.goto(`${demo.studio().url}/content/${item.id}`);
    await editorOf(p).waitFor();
  }
  // both type before either autosave has gone out
  await editorOf(a).click();
  await a.keyboard.press('Control+End');
  await a.keyboard.type('\n\nA line from tab A.');
  await editorOf(b).click();
  await b.keyboard.press('Control+Home');
  await b.keyboard.type('A line from tab B.\n\n');

  const chooser = (p: Page) => p.getByRole('alertdialog');
  await Promise.race([chooser(a).waitFor(), chooser(b).waitFor()]);
  const [second, first] = (await chooser(a).isVisible()) ? [a, b] : [b, a];
  await saved(first).waitFor();
  assert.match(await chooser(second).getByTestId('conflict-theirs').innerText(), /A line from tab [AB]\./);
  await chooser(second).getByText('What differs').click();
  await screenshot(second, 'content-conflict');
  assert.deepEqual(await accessibilityViolations(second), []);

  await chooser(second).getByRole('button', { name: 'Merge by hand' }).click();
  const merged = chooser(second).getByLabel(/Merged text/);
  const proposal = await merged.inputValue();
  assert.match(proposal, /A line from tab A\./);
  assert.match(proposal, /A line from tab B\./);
  assert.ok(!proposal.includes('<<<<<<<'), 'edits on different lines merge without markers');
  await chooser(second).getByRole('button', { name: 'Save merged text' }).click();
  await saved(second).waitFor();

  const after = (await json(`/api/gtm/outputs/${item.id}`)).output;
  assert.match(after.contentMd, /^A line from tab B\./);
  assert.match(after.contentMd, /A line from tab A\.$/);
  assert.equal(after.revision, before.revision + 2, 'one save per tab, nothing in between lost');
  // the first tab had nothing unsaved: it follows the merged text live
  await first.waitForFunction(
    () => document.querySelector('.cm-content')?.textContent?.includes('A line from tab B.'),
    null,
  );
  await screenshot(first, 'content-editor');
  await context.close();
});

test('shortcuts format, save and leave; failed saves retry and survive a reload; the history restores an old text', async () => {
  const item = await draft(1);
  const original = (await json(`/api/gtm/outputs/${item.id}`)).output;
  const page = await demo.studio().newPage(demo.browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(`${demo.studio().url}/content/${item.id}`);
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n\nurgent');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+b');
  await page.keyboard.press('Control+s');
  await saved(page).waitFor();
  await page.getByTestId('preview').locator('strong', { hasText: 'urgent' }).waitFor();

  // the network drops the saves: the page says so, the edit survives a reload in localStorage, and it is
  // saved once saves go through again
  const dropSaves = (route: Route) =>
    route.request().method() === 'PATCH' ? route.abort('internetdisconnected') : route.fallback();
  const offline = page.locator('[data-save-state="offline"]').filter({ hasText: 'Offline — will retry' });
  await page.route('**/api/gtm/outputs/*', dropSaves);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' and kept');
  await offline.waitFor();
  await page.reload();
  await editorOf(page).getByText('and kept').waitFor();
  await offline.waitFor();
  await page.unroute('**/api/gtm/outputs/*', dropSaves);
  await saved(page).waitFor();
  assert.match((await json(`/api/gtm/outputs/${item.id}`)).output.contentMd, /\*\*urgent\*\* and kept$/);

  await page.getByText('History', { exact: true }).click();
  const revisions = page.getByRole('list', { name: 'Revisions' });
  await revisions
    .getByRole('button', { name: `Revision ${original.revision}` })
    .first()
    .click();
  await page.getByTestId('text-diff').getByText('and kept').waitFor();
  // a revision's time in the studio's words, with the month's name (it was "12/4/2026, 6:22 PM", US order)
  const when = await revisions.getByRole('listitem').first().innerText();
  assert.match(when, /\b\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d\b/, when);
  await screenshot(page, 'content-history');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.getByRole('button', { name: `Restore revision ${original.revision}` }).click();
  await page.getByRole('status').filter({ hasText: 'is back' }).waitFor();
  const restored = (await json(`/api/gtm/outputs/${item.id}`)).output;
  assert.equal(restored.contentMd, original.contentMd);
  assert.ok(!(await editorOf(page).innerText()).includes('urgent'), 'the editor shows the restored text');
  const { revisions: list } = await json(`/api/gtm/outputs/${item.id}/revisions`);
  assert.deepEqual([list[0].restoredFrom, list[0].author.kind], [original.revision, 'owner']);

  // Esc saves and leaves for the queue
  await editorOf(page).click();
  await page.keyboard.press('Escape');
  await page.waitForURL(/\/content$/);
  await page.context().close();
});

test('a file rewritten on disk after a studio edit waits beside it; the owner merges both', async () => {
  const item = await draft(2);
  const { output } = await json(`/api/gtm/outputs/${item.id}`);
  // on a phone in dark mode, to see the chooser there too
  const page = await demo
    .studio()
    .newPage(demo.browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await page.goto(`${demo.studio().url}/content/${item.id}`);
  await editorOf(page).click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('Edited in the studio.\n\n');
  await saved(page).waitFor();

  writeFileSync(
    output.sourceFilePath,
    `${readFileSync(output.sourceFilePath, 'utf8').trimEnd()}\n\nWritten on disk later.\n`,
  );
  const chooser = page.getByRole('alertdialog', { name: 'The file on disk changed after you edited it here' });
  await chooser.waitFor();
  await chooser.getByText('What differs').click();
  await screenshot(page, 'mobile-dark-content-disk-conflict');
  assert.deepEqual(await accessibilityViolations(page), []);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
  await chooser.getByRole('button', { name: 'Merge by hand' }).click();
  const proposal = await chooser.getByLabel(/Merged text/).inputValue();
  assert.match(proposal, /^Edited in the studio\./);
  assert.match(proposal, /Written on disk later\.\n?$/);
  await chooser.getByRole('button', { name: 'Save merged text' }).click();
  await chooser.waitFor({ state: 'detached' });
  const after = (await json(`/api/gtm/outputs/${item.id}`)).output;
  assert.equal(after.diskMd, null);
  assert.match(after.contentMd, /^Edited in the studio\.[\s\S]*Written on disk later\.\n?$/);
  await page.context().close();
});

test('bulk approve from the queue, with the items that may not move named and why', async () => {
  const [x, y, third] = [await draft(3), await draft(4), await draft(5)];
  await demo.studio().fetch(`/api/gtm/outputs/${third.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'archived' }),
  });

  const page = await demo.studio().newPage(demo.browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(`${demo.studio().url}/content`);
  for (const o of [x, y, third])
    await page
      .getByRole('checkbox', { name: `Select ${o.title}` })
      .first()
      .check();
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await bar.getByText('3 selected').waitFor();
  await bar.getByRole('button', { name: 'Approve' }).click();
  const outcome = bar.getByRole('status');
  await outcome.getByText('2 approved; 1 could not be:').waitFor();
  assert.match(await outcome.innerText(), /cannot move from archived to approved/);
  await screenshot(page, 'content-bulk');
  assert.deepEqual(await accessibilityViolations(page), []);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction(() => document.documentElement.classList.contains('dark'));
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'mobile-dark-content-bulk');
  assert.deepEqual(await accessibilityViolations(page), []);
  for (const o of [x, y]) assert.equal((await json(`/api/gtm/outputs/${o.id}`)).output.status, 'approved');
  assert.equal((await json(`/api/gtm/outputs/${third.id}`)).output.status, 'archived');
  await page.context().close();
});
