// The inbox against a REAL OpenClaw gateway (the lab, its exec tool asking approval for every command): an
// approval appears live while the agent waits, with the nav's count; Approve in the page lets the agent run
// the command, Deny refuses it, as the gateway's own chat history says; a plugin approval is answered "Always
// allow"; desktop and 375 px dark, axe clean.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { until } from '@agent-studio/database/testing';

import { accessibilityViolations, E2E_DEADLINE_MS, screenshot, useLabStudio } from './harness';

const { studio, browser, lab, op } = useLabStudio({
  lab: { config: { tools: { exec: { host: 'gateway', security: 'full', ask: 'always' } } } },
});

interface HistoryMessage {
  role?: string;
  isError?: boolean;
  content?: { text?: string }[];
}

/** The agent in session `key` is asked to run `echo out-<marker>` through the exec tool. */
async function askForCommand(marker: string): Promise<string> {
  lab().mock.script({ when: marker, reply: { tool: 'exec', args: { command: `echo out-${marker}` } } });
  const key = `agent:main:${marker.toLowerCase()}`;
  await (
    await op().ready()
  ).request('chat.send', { sessionKey: key, message: `Run it ${marker}`, idempotencyKey: randomUUID() });
  return key;
}

/** The exec tool's result in the gateway's own transcript of `key`. */
const toolResult = (key: string) =>
  until(`the exec result in ${key}`, async () => {
    const h = await (
      await op().ready()
    ).request<{ messages?: HistoryMessage[] }>('chat.history', { sessionKey: key, limit: 20 });
    return h.messages?.find((m) => m.role === 'toolResult');
  });

const inboxLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox/ });

test('an approval appears live with its count; Approve lets the agent run the command', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(`${studio().url}/inbox`);
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  const marker = `E2E-ALLOW-${randomUUID().slice(0, 8)}`;
  const key = await askForCommand(marker);
  // no reload: the page follows the event stream
  const item = page.locator('[data-approval-id]').filter({ hasText: `echo out-${marker}` });
  await item.waitFor({ timeout: E2E_DEADLINE_MS });
  assert.match(await item.innerText(), new RegExp(`main[\\s\\S]*${key}[\\s\\S]*expires`));
  // the nav's badge counts what waits, as the API does (the approval among them)
  const badge = inboxLink(page).locator('[data-count]');
  await until('the nav badge to count the approval', async () => {
    const { count } = (await (await studio().fetch('/api/inbox')).json()) as { count: number };
    const shown = (await badge.count()) ? Number(await badge.getAttribute('data-count')) : 0;
    return count >= 1 && shown === count;
  });
  await screenshot(page, 'inbox');
  assert.deepEqual(await accessibilityViolations(page), []);

  await item.getByRole('button', { name: `Approve: echo out-${marker}` }).click();
  await item.waitFor({ state: 'detached', timeout: E2E_DEADLINE_MS });
  const result = await toolResult(key);
  assert.equal(result.isError, false, JSON.stringify(result));
  assert.match(result.content?.[0]?.text ?? '', new RegExp(`out-${marker}`));
  // the gateway may run the command before the bridge has recorded its answer: wait for the record
  await until('the answer to be in the audit log as succeeded', async () => {
    const { entries } = (await (await studio().fetch('/api/activity?action=approval')).json()) as {
      entries: { action: string; outcome: string }[];
    };
    return entries.some((a) => a.action === 'approval.resolve' && a.outcome === 'succeeded');
  });
  await page.close();
});

test('on a phone, dark: Deny refuses the command, as the gateway reports', async () => {
  const phone = await studio().newPage(browser(), {
    viewport: { width: 375, height: 812 },
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  const marker = `E2E-DENY-${randomUUID().slice(0, 8)}`;
  const key = await askForCommand(marker);
  await phone.goto(`${studio().url}/inbox`);
  const item = phone.locator('[data-approval-id]').filter({ hasText: `echo out-${marker}` });
  await item.waitFor({ timeout: E2E_DEADLINE_MS });
  await screenshot(phone, 'mobile-dark-inbox');
  assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
  assert.deepEqual(await accessibilityViolations(phone), []);
  await item.getByRole('button', { name: `Deny: echo out-${marker}` }).click();
  await item.waitFor({ state: 'detached', timeout: E2E_DEADLINE_MS });
  const result = await toolResult(key);
  assert.equal(result.isError, true, JSON.stringify(result));
  assert.match(result.content?.[0]?.text ?? '', /Exec denied/);
  await phone.close();
});

test('a plugin approval offers Always allow; answered so, the gateway no longer waits on it', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(`${studio().url}/inbox`);
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  const title = `Post the summary ${randomUUID().slice(0, 8)}`;
  const gw = await op().ready();
  const asked = await gw.request<{ id: string }>('plugin.approval.request', {
    pluginId: 'e2e-poster',
    title,
    description: 'Posts to #general.',
    toolName: 'slack_post',
    agentId: 'main',
    sessionKey: 'agent:main:main',
    timeoutMs: 300_000,
    twoPhase: true,
  });
  const item = page.locator('[data-approval-id]').filter({ hasText: title });
  await item.waitFor({ timeout: E2E_DEADLINE_MS });
  assert.match(await item.innerText(), /plugin[\s\S]*Posts to #general/);
  await item.getByRole('button', { name: `Always allow: ${title}` }).click();
  await item.waitFor({ state: 'detached', timeout: E2E_DEADLINE_MS });
  await until('the gateway no longer waits on it', async () => {
    const waiting = await gw.request<{ id: string }[]>('plugin.approval.list', {});
    return !waiting.some((x) => x.id === asked.id);
  });
  const { entries } = (await (await studio().fetch('/api/activity?action=approval')).json()) as {
    entries: { action: string; outcome: string; detail: { decision?: string } }[];
  };
  assert.ok(
    entries.some(
      (e) => e.action === 'approval.resolve' && e.detail.decision === 'allow-always' && e.outcome !== 'failed',
    ),
    JSON.stringify(entries).slice(0, 400),
  );
  await page.close();
});

test('an approval link that does not work says so and leads to the inbox', async () => {
  const page = await studio().newPage(browser(), { viewport: { width: 1280, height: 900 } });
  await page.goto(`${studio().url}/inbox/a/not-a-real-token`);
  await page.getByRole('heading', { name: 'This link no longer works' }).waitFor();
  await page.getByRole('link', { name: 'inbox', exact: true }).waitFor();
  await page.close();
});
