// Creating and deleting jobs from the studio on a REAL OpenClaw gateway (the lab: openclaw 2026.9.6 offline on
// loopback): the New job form (schedule editor with its next runs, agent, session, delivery) → the job is in the
// gateway's own cron.list; Delete (a confirmation naming the job) → it is gone from it; the activity log has
// both. Then Connect OpenClaw: its connection test passes here, and names the failing step for studios set up
// with a wrong port, a wrong token or no config. Desktop and a 375 px phone in dark mode, axe clean.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';

import { until } from '@agent-studio/database/testing';
import { OPENCLAW_VERSION } from '../../../packages/gateway-bridge/test/lab/gateway';
import { accessibilityViolations, screenshot, startStudioWithEnv, useLabStudio } from './harness';

const { studio, page, lab, op, browser } = useLabStudio({ sharedPage: true });

interface OcJob {
  id: string;
  name: string;
  enabled: boolean;
  agentId?: string;
  description?: string;
  schedule: { kind: string; expr?: string; tz?: string };
  sessionTarget: string;
  payload: { kind: string; message?: string; timeoutSeconds?: number };
  delivery?: { mode: string; to?: string };
}
const gatewayJobs = async () =>
  (await (await op().ready()).request<{ jobs: OcJob[] }>('cron.list', { includeDisabled: true })).jobs;

test('create a job in the studio: it is in the gateway’s cron.list as entered; delete it: it is gone', async () => {
  const name = `e2e created ${randomUUID().slice(0, 8)}`;
  await until(
    'the studio connected to the gateway',
    async () => (await (await studio().fetch('/api/cron/jobs')).json()).jobs.length > 0,
  );
  await page().goto(`${studio().url}/cron`);
  await page().getByRole('button', { name: 'New job' }).click();
  const dialog = page().getByRole('dialog', { name: 'New job' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Description (optional)').fill('Made by the e2e test');
  await dialog.getByLabel('Cron expression').fill('30 6 * * 1');
  await dialog.getByLabel('Time zone').fill('Europe/Vienna');
  const preview = dialog.getByRole('region', { name: 'Preview' });
  await preview.getByText('At 06:30, only on Monday').waitFor();
  assert.equal(
    (await preview.getByRole('listitem').allInnerTexts()).filter((t) => t.startsWith('Mon') && t.includes('06:30'))
      .length,
    5,
  );
  await dialog.getByLabel('Message (what the agent is asked each run)').fill('Write the Monday summary.');
  await dialog.getByLabel('Timeout (seconds)').fill('90');
  await dialog.getByLabel('To a webhook').check();
  await dialog.getByLabel('Webhook URL').fill('https://example.com/openclaw/cron');
  await dialog.getByLabel('Create it paused').check();
  await screenshot(page(), 'lab-new-job');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await dialog.getByRole('button', { name: 'Create job' }).click();

  // the studio opens the new job's page once OpenClaw created it
  await page().waitForURL(/\/cron\/[0-9a-f-]{36}$/);
  await page().getByRole('heading', { level: 1, name }).waitFor();
  const created = (await gatewayJobs()).find((j) => j.name === name);
  assert.ok(created, 'the job is in the gateway’s cron.list');
  assert.deepEqual(created.schedule, { kind: 'cron', expr: '30 6 * * 1', tz: 'Europe/Vienna' });
  assert.equal(created.enabled, false);
  assert.equal(created.description, 'Made by the e2e test');
  assert.equal(created.sessionTarget, 'isolated');
  assert.equal(created.payload.kind, 'agentTurn');
  assert.equal(created.payload.message, 'Write the Monday summary.');
  assert.equal(created.payload.timeoutSeconds, 90);
  assert.deepEqual(
    { mode: created.delivery?.mode, to: created.delivery?.to },
    { mode: 'webhook', to: 'https://example.com/openclaw/cron' },
  );
  await page().getByText('Europe/Vienna', { exact: true }).waitFor();
  await screenshot(page(), 'lab-created-job');

  await page().getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page().getByRole('alertdialog').or(page().getByRole('dialog'));
  await confirm.getByText(`Delete “${name}”?`).waitFor();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await page().getByText('removed from OpenClaw').waitFor();
  assert.equal(
    (await gatewayJobs()).some((j) => j.id === created.id),
    false,
    'gone from the gateway’s cron.list',
  );

  await page().goto(`${studio().url}/activity?kind=cron`);
  const entries = page().getByRole('region', { name: 'Actions' }).getByRole('listitem');
  const removal = entries.filter({ hasText: 'Delete job' }).filter({ hasText: name });
  const creation = entries.filter({ hasText: 'Create job' }).filter({ hasText: name });
  await removal.getByText('succeeded').waitFor();
  await creation.getByText('succeeded').waitFor();
  // the creation links the job it made
  await creation.getByRole('link', { name }).waitFor();
  await screenshot(page(), 'lab-activity-create-delete');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('on a phone in dark mode the New job form fits, and a main-session job is created as a system event', async () => {
  const phone = await studio().newPage(browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  try {
    const name = `e2e phone ${randomUUID().slice(0, 8)}`;
    await phone.goto(`${studio().url}/cron`);
    await phone.getByRole('button', { name: 'New job' }).click();
    const dialog = phone.getByRole('dialog', { name: 'New job' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Every…').check();
    await dialog.getByLabel('Interval').fill('2');
    await dialog.getByLabel('Unit').selectOption({ label: 'hours' });
    await dialog.getByRole('region', { name: 'Preview' }).getByText('Every 2 hours').waitFor();
    await dialog.getByLabel('Session').selectOption('main');
    await dialog.getByLabel('System event (the text the main session receives)').fill('Check the calendar.');
    await screenshot(phone, 'mobile-dark-new-job');
    assert.deepEqual(await accessibilityViolations(phone), []);
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
    // every field inside the dialog's box (a select is as wide as its longest option unless told to fit)
    const overflowing = await dialog.evaluate((d) => {
      const box = d.getBoundingClientRect();
      return [...d.querySelectorAll('input, select, textarea')]
        .filter((el) => el.getBoundingClientRect().right > box.right + 0.5)
        .map((el) => el.outerHTML.slice(0, 80));
    });
    assert.deepEqual(overflowing, []);
    await dialog.getByRole('button', { name: 'Create job' }).click();
    await phone.waitForURL(/\/cron\/[0-9a-f-]{36}$/);
    const created = (await gatewayJobs()).find((j) => j.name === name);
    assert.ok(created);
    assert.deepEqual(
      [created.sessionTarget, created.payload.kind, created.schedule.kind],
      ['main', 'systemEvent', 'every'],
    );
    await screenshot(phone, 'mobile-dark-created-job');
    assert.deepEqual(await accessibilityViolations(phone), []);
  } finally {
    await phone.context().close();
  }
});

test('Connect OpenClaw: every step passes on the lab gateway; the header shows the gateway apart from the Live dot', async () => {
  await page().goto(`${studio().url}/connect`);
  const result = page().getByRole('region', { name: 'Connection test' }).getByRole('status');
  await result.filter({ hasText: `Every step passed: OpenClaw ${OPENCLAW_VERSION}` }).waitFor();
  const lookedFor = page().getByRole('region', { name: 'What the studio looked for' });
  await lookedFor.getByText(lab().configPath).waitFor();
  await page().getByRole('banner').getByRole('link', { name: 'OpenClaw connected' }).waitFor();
  await page().getByRole('banner').getByText('Live', { exact: true }).waitFor();
  await screenshot(page(), 'lab-connect-ok');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

// one studio each, set up wrongly the way people do, against the same real gateway
const wrongly: { name: string; step: RegExp; env: () => Promise<Record<string, string>> }[] = [
  {
    name: 'a wrong port',
    step: /^Failed at step 2, URL\.\s+2\. URL:\s+(failed:\s+)?Nothing answers at ws:\/\/127\.0\.0\.1:\d+ \(connection refused/,
    env: async () => ({
      OPENCLAW_CONFIG_PATH: lab().configPath,
      OPENCLAW_GATEWAY_URL: `ws://127.0.0.1:${await closedPort()}`,
      OPENCLAW_GATEWAY_TOKEN: lab().token,
      OPENCLAW_WORKSPACE: lab().workspaceDir,
    }),
  },
  {
    name: 'a wrong token',
    step: /^Failed at step 3, Token\.\s+3\. Token:\s+(failed:\s+)?The gateway refused the token: .*AUTH_TOKEN_MISMATCH/,
    env: async () => ({
      OPENCLAW_CONFIG_PATH: lab().configPath,
      OPENCLAW_GATEWAY_URL: lab().url,
      OPENCLAW_GATEWAY_TOKEN: 'not-the-token',
      OPENCLAW_WORKSPACE: lab().workspaceDir,
    }),
  },
  {
    name: 'a missing config',
    step: /^Failed at step 1, Config\.\s+1\. Config:\s+(failed:\s+)?OpenClaw's config was not found at .*missing\/openclaw\.json/,
    env: async () => ({ OPENCLAW_CONFIG_PATH: join(lab().root, 'missing/openclaw.json') }),
  },
];

for (const w of wrongly) {
  test(`Connect OpenClaw names the failing step for ${w.name}`, async () => {
    const wrong = await startStudioWithEnv(await w.env());
    const phone = await wrong.newPage(browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
    try {
      // the header sends a person to the Connect page(); the dashboard says why nothing arrives
      await phone.goto(wrong.url);
      await phone.getByRole('region', { name: 'Needs attention' }).getByText('OpenClaw is not connected').waitFor();
      // the Gateway tile's state and reason are read whole (the reason was cut to "Op…", the state ran out of
      // its narrow tile), wrapped
      const tile = phone
        .getByRole('region', { name: 'System health' })
        .locator('div', { has: phone.getByRole('link', { name: 'Connect OpenClaw' }) })
        .last();
      await tile.waitFor();
      assert.deepEqual(
        await tile
          .locator('p')
          .evaluateAll((ps) => ps.filter((p) => p.scrollWidth > p.clientWidth).map((p) => p.textContent)),
        [],
        'cut or overflowing in the Gateway tile',
      );
      await screenshot(phone, `mobile-dark-dashboard-${w.name.replace(/ /g, '-')}`);
      await phone.getByRole('banner').getByRole('link', { name: 'OpenClaw not connected' }).click();
      await phone.waitForURL(/\/connect$/);
      const test = phone.getByRole('region', { name: 'Connection test' });
      await test.getByRole('status').waitFor();
      // the verdict, then the failing step's own line
      const failedStep = test
        .getByRole('listitem')
        .filter({ has: phone.getByText('failed:', { exact: false }) })
        .first();
      assert.match(`${await test.getByRole('status').innerText()} ${await failedStep.innerText()}`, w.step);
      await screenshot(phone, `mobile-dark-connect-${w.name.replace(/ /g, '-')}`);
      assert.deepEqual(await accessibilityViolations(phone), []);
      assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'no sideways scrolling');
    } finally {
      await phone.context().close();
      await wrong.stop();
    }
  });
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
