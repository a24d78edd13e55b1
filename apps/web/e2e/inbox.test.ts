// The inbox on the demo (its failing jobs and content waiting for review): reached from Ctrl+K; a failure is
// acknowledged and leaves, the count following, recorded in the audit log, then all the others at once; desktop
// and 375 px dark, axe clean.
// (Approvals, which the demo's gateway does not ask for: inbox-lab.test.ts on the real gateway.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '@agent-studio/database/testing';
import { accessibilityViolations, E2E_DEADLINE_MS, screenshot, useDemoStudio } from './harness';

const { studio, browser } = useDemoStudio();

interface InboxJson {
  count: number;
  failures: { id: string; name: string }[];
  content: { id: string }[];
}
const inbox = async () => (await (await studio().fetch('/api/inbox')).json()) as InboxJson;

test('Ctrl+K opens the inbox; a failure acknowledged leaves it and the count follows', async () => {
  // the demo's history is imported after start: wait for a failure to be there to acknowledge
  await until('a failure in the inbox', async () => (await inbox()).failures.length > 0);
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(studio().url);
  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Jump to a job, session, content or page…').fill('inbox');
  // the demo also has a job named "Inbox triage": the page is the one in Pages
  await page.getByRole('dialog').getByRole('group', { name: 'Pages' }).getByRole('option', { name: 'Inbox' }).click();
  await page.waitForURL(`${studio().url}/inbox`);
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

  const first = page.locator('[data-failure-id]').first();
  await first.waitFor({ timeout: E2E_DEADLINE_MS });
  const id = (await first.getAttribute('data-failure-id'))!;
  const before = await inbox();
  assert.ok(before.failures.some((f) => f.id === id));
  await screenshot(page, 'inbox-demo');
  assert.deepEqual(await accessibilityViolations(page), []);

  // by its id, not as "the first": a failure the demo adds meanwhile is listed above it
  const item = page.locator(`[data-failure-id="${id}"]`);
  await item.getByRole('button', { name: /^Acknowledge: / }).click();
  await item.waitFor({ state: 'detached', timeout: E2E_DEADLINE_MS });
  const after = await inbox();
  assert.ok(!after.failures.some((f) => f.id === id), 'it left the inbox');
  const { entries } = (await (await studio().fetch('/api/activity?action=failure')).json()) as {
    entries: { action: string; outcome: string; target: { id: string | null } | null }[];
  };
  assert.ok(
    entries.some((e) => e.action === 'failure.acknowledge' && e.outcome === 'succeeded'),
    JSON.stringify(entries).slice(0, 400),
  );
  // the nav's badge is the API's count (new failures of the demo may come meanwhile: read both together)
  const badge = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Inbox/ })
    .locator('[data-count]');
  await until(
    'the badge to show the count',
    async () => (await badge.count()) > 0 && Number(await badge.getAttribute('data-count')) === (await inbox()).count,
  );

  // then all the others at once: every failure that was listed leaves (one that fails meanwhile may come)
  const listed = await page
    .locator('[data-failure-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-failure-id')));
  assert.ok(listed.length > 1, 'the demo has more failures to acknowledge');
  await page.getByRole('button', { name: `Acknowledge all ${listed.length}` }).click();
  await until('every listed failure gone from the page', async () => {
    const now = await page
      .locator('[data-failure-id]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-failure-id')));
    return !now.some((x) => listed.includes(x));
  });
  assert.ok(!(await inbox()).failures.some((f) => listed.includes(f.id)));
  await page.close();
});

test('on a phone, dark: the inbox fits and is accessible', async () => {
  const phone = await studio().newPage(browser(), {
    viewport: { width: 375, height: 812 },
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  await phone.goto(`${studio().url}/inbox`);
  await phone.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  await phone.locator('[data-failure-id], [data-content-id]').first().waitFor({ timeout: E2E_DEADLINE_MS });
  await screenshot(phone, 'mobile-dark-inbox-demo');
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
  assert.deepEqual(await accessibilityViolations(phone), []);
  await phone.close();
});
