// Webhooks from the settings page: create one (the secret shown once), "Send test", and see the signed
// request arrive at a real HTTP receiver and the delivery log say so; then disable and delete it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { verifyWebhookSignature } from '@agent-studio/core/webhook-signature';
import { WebhookReceiver } from '@agent-studio/gateway-bridge/testing/webhook-receiver';
import { accessibilityViolations, screenshot, useDemoStudio } from './harness';

const demo = useDemoStudio();
const receiver = new WebhookReceiver();
after(() => receiver.stop());

test('create a webhook, send a test, read the delivery log; disable and delete it', async () => {
  const url = await receiver.start();
  const [studio, browser] = [demo.studio(), demo.browser()];
  // toasts of the demo's failing jobs come and go; mid-fade, axe reads their text as low-contrast
  const page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(`${studio.url}/settings`);
  const form = page.getByRole('form', { name: 'New webhook' });
  await form.getByLabel('Name').fill('Receiver on loopback');
  await form.getByLabel('URL').fill(url);
  // the receiver listens on loopback, which a webhook reaches only with the owner's leave
  await form.getByLabel('Allow private network addresses').check();
  await form.getByLabel('Content published').check();
  await form.getByRole('button', { name: 'Create webhook' }).click();
  const secret = (await page.getByTestId('new-webhook-secret').innerText()).trim();
  assert.match(secret, /^whsec_/);
  const hooks = page.getByRole('region', { name: 'Webhooks' });
  await hooks.getByRole('link', { name: /Receiver on loopback/ }).waitFor();
  await screenshot(page, 'settings-webhooks');
  assert.deepEqual(await accessibilityViolations(page), []);

  await hooks.getByRole('link', { name: /Receiver on loopback/ }).click();
  await page.getByRole('heading', { name: 'Receiver on loopback' }).waitFor();
  await page.getByRole('button', { name: 'Send test' }).click();
  const log = page.getByRole('region', { name: 'Delivery log' });
  const entry = log.getByRole('listitem').filter({ hasText: 'Test' }).first();
  await entry.getByText('delivered').waitFor();
  assert.match(await entry.innerText(), /1 attempt · HTTP 200/);
  const test = receiver.received.find((r) => r.headers['x-studio-event'] === 'webhook.test');
  assert.ok(test, 'the receiver got the test');
  assert.equal(
    verifyWebhookSignature(secret, test.headers['x-studio-signature'] as string, test.body, 60),
    true,
    'signed with the secret shown once',
  );
  await screenshot(page, 'webhook-log');
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByText('disabled', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Enable' }).waitFor();

  const phone = await studio.newPage(browser, {
    viewport: { width: 375, height: 812 },
    colorScheme: 'dark',
    reducedMotion: 'reduce',
  });
  await phone.goto(`${studio.url}/settings`);
  await phone.getByRole('form', { name: 'New webhook' }).getByLabel('URL').waitFor();
  await screenshot(phone, 'mobile-dark-settings-webhooks');
  await phone.goto(page.url());
  await phone.getByRole('heading', { name: 'Receiver on loopback' }).waitFor();
  await screenshot(phone, 'mobile-dark-webhook');
  assert.ok(
    (await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375,
    'no sideways scrolling at 375 px',
  );
  assert.deepEqual(await accessibilityViolations(phone), []);
  await phone.close();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await page.waitForURL(`${studio.url}/settings`);
  await page.getByRole('region', { name: 'Webhooks' }).getByText('No webhooks').waitFor();
});
