// Alerts from Settings → Alerts (issue 19), on the demo studio: a Telegram channel (pointed at a local stand-in
// of the Bot API) and a browser channel are added, each sends a test (the browser's shows as a system
// notification in the open tab), a rule is turned on and its incident reaches Telegram; the secret is never on
// the page; the dashboard shows OpenClaw's own channels and their state. Desktop and 375 px dark, axe clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { AlertReceivers } from '@agent-studio/gateway-bridge/testing/alert-receivers';
import { accessibilityViolations, screenshot, useDemoStudio } from './harness';

const demo = useDemoStudio();
const receivers = new AlertReceivers();
before(() => receivers.start());
after(() => receivers.stop());
const TOKEN = '424242:AAE-e2e-telegram-bot-token-x9Yz';

/**
 * Records the system notifications the page shows (headless Chromium shows none to look at). Plain JavaScript:
 * a class compiled by tsx would call a helper the page does not have.
 */
const recordNotifications = (page: Page) =>
  page.addInitScript({
    content: `
      window.shownNotifications = [];
      window.Notification = function Notification(title, opts) {
        window.shownNotifications.push({ title: title, body: (opts && opts.body) || '' });
      };
      window.Notification.permission = 'granted';
      window.Notification.requestPermission = function () { return Promise.resolve('granted'); };
    `,
  });

test('channels with a test each, a browser notification, a rule whose incident reaches Telegram; phone, dark', async () => {
  const [studio, browser] = [demo.studio(), demo.browser()];
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  await recordNotifications(page);
  await page.goto(`${studio.url}/settings/alerts`);
  await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();

  const form = page.getByRole('form', { name: 'New channel' });
  await form.getByLabel('Name').fill('My phone');
  await form.getByLabel('Chat id').fill('42');
  await form.getByLabel('Bot API address (optional)').fill(receivers.telegramBase());
  await form.getByLabel('Bot token').fill(TOKEN);
  await form.getByLabel('Allow private network addresses').check();
  await form.getByRole('button', { name: 'Add channel' }).click();
  const channels = page.getByRole('region', { name: 'Channels' });
  await channels.getByRole('link', { name: /My phone/ }).waitFor();
  await form.getByLabel('Kind').selectOption('browser');
  await form.getByLabel('Name').fill('This laptop');
  await form.getByRole('button', { name: 'Add channel' }).click();
  await channels.getByRole('link', { name: /This laptop/ }).waitFor();
  assert.ok(!(await page.content()).includes('e2e-telegram-bot-token'), 'the token is not on the page');
  assert.match(await channels.getByRole('link', { name: /My phone/ }).innerText(), /…x9Yz/);

  // a rule on: content waits for review in the demo, so its incident opens and reaches Telegram
  const rule = page.getByRole('form', { name: 'Content ready for review' });
  await rule.getByLabel(/Content ready for review/).check();
  await rule.getByLabel('My phone').check();
  await rule.getByRole('button', { name: 'Save' }).click();
  await rule.getByRole('status').getByText('Saved.').waitFor();
  await page
    .getByRole('region', { name: 'Incidents' })
    .getByText(/ready for review/)
    .first()
    .waitFor();
  const log = page.getByRole('region', { name: 'Delivery log' });
  await log.getByTestId('alert-delivery').filter({ hasText: 'ready for review' }).getByText('delivered').waitFor();
  const incident = receivers.of('telegram').find((r) => /ready for review/.test(r.title));
  assert.ok(incident, 'the incident reached Telegram');
  assert.equal(incident.target, TOKEN);
  await screenshot(page, 'alerts');
  assert.deepEqual(await accessibilityViolations(page), []);

  // Telegram's test, from the channel's page
  await channels.getByRole('link', { name: /My phone/ }).click();
  await page.getByRole('heading', { name: 'My phone' }).waitFor();
  assert.equal(await page.getByTestId('secret-hint').innerText(), '…x9Yz');
  await page.getByRole('button', { name: 'Send a test' }).click();
  await page.getByRole('status').getByText('Test sent.').waitFor();
  const entry = page.getByTestId('alert-delivery').filter({ hasText: 'Test alert from Agent Studio' }).first();
  await entry.getByText('delivered').waitFor();
  assert.match(await entry.innerText(), /1 attempt/);
  assert.ok(receivers.of('telegram').some((r) => r.title === 'Test alert from Agent Studio'));
  await screenshot(page, 'alert-channel');
  assert.deepEqual(await accessibilityViolations(page), []);

  // refused by Telegram: the reason is said at once and stays in the delivery log
  receivers.script = (s) =>
    s === 'telegram' ? { status: 401, body: '{"ok":false,"description":"Unauthorized"}' } : null;
  await page.getByRole('button', { name: 'Send a test' }).click();
  await page
    .getByRole('status')
    .getByText(/401 \(Unauthorized\): Unauthorized/)
    .waitFor();
  receivers.script = () => null;
  const refused = page.getByTestId('alert-delivery').filter({ hasText: 'failed' }).first();
  await refused.getByText(/401 \(Unauthorized\): Unauthorized/).waitFor();

  // the browser channel's test: this open tab shows it as a system notification
  await page.goto(`${studio.url}/settings/alerts`);
  await page
    .getByRole('region', { name: 'Channels' })
    .getByRole('link', { name: /This laptop/ })
    .click();
  await page.getByRole('heading', { name: 'This laptop' }).waitFor();
  await page.getByRole('button', { name: 'Send a test' }).click();
  await page.getByRole('status').getByText('Test sent.').waitFor();
  await page.waitForFunction(() =>
    (window as unknown as { shownNotifications: { title: string }[] }).shownNotifications.some(
      (n) => n.title === 'Test alert from Agent Studio',
    ),
  );

  // Web Push: the service worker registers (the CSP lets it); subscribing needs the browser's push service,
  // which an offline test machine does not reach: either way the page says what happened
  await page.getByRole('button', { name: 'Turn on Web Push in this browser' }).click();
  const pushStatus = page.getByRole('status').filter({ hasText: /Web Push is on|could not subscribe/ });
  await pushStatus.waitFor();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.scope ?? null);
  assert.equal(scope, `${studio.url}/`, `the service worker registered (${await pushStatus.innerText()})`);

  const phone = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  for (const [path, name] of [
    ['/settings/alerts', 'mobile-dark-alerts'],
    [new URL(page.url()).pathname, 'mobile-dark-alert-channel'],
  ] as const) {
    await phone.goto(`${studio.url}${path}`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(phone, name);
    assert.ok(
      (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375,
      `${path}: no sideways scrolling at 375 px`,
    );
    assert.deepEqual(await accessibilityViolations(phone), [], path);
  }
  await phone.close();

  // OpenClaw's own channels on the dashboard: the demo's Telegram is up, its WhatsApp down with OpenClaw's error
  await page.goto(studio.url);
  const health = page.getByRole('region', { name: 'OpenClaw channels' });
  await health.locator('[data-channel="whatsapp"]').waitFor();
  assert.match(await health.locator('[data-channel="telegram"]').innerText(), /Telegram\s+up/);
  assert.match(await health.locator('[data-channel="whatsapp"]').innerText(), /WhatsApp\s+down[\s\S]*logged out/);
  assert.match(await health.innerText(), /1 down/);

  // reachable from the palette
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog').getByPlaceholder(/./).fill('Alerts');
  await page.getByRole('option', { name: 'Alerts' }).first().waitFor();
});
