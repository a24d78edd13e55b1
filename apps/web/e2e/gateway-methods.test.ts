// A gateway that does not offer a method: the studio hides the control that would need it. The bridge keeps the
// methods of the gateway's hello in its status checkpoint; here a simulator offers no cron.add or cron.remove
// (as an older or locked-down gateway), so New job and Delete are gone while Run now and Pause stay.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { GatewaySimulator } from '../../../packages/gateway-bridge/src/simulator/gateway-simulator';
import { launchBrowser, startGatewayStudio, type RunningStudio } from './harness';

let gateway: GatewaySimulator;
let studio: RunningStudio;
let browser: Browser;
let page: Page;

before(async () => {
  gateway = new GatewaySimulator();
  gateway.methods = gateway.methods.filter((m) => m !== 'cron.add' && m !== 'cron.remove');
  gateway.addJob({
    name: 'Nightly digest',
    enabled: true,
    schedule: { kind: 'cron', expr: '0 3 * * *' },
    payload: { kind: 'agentTurn', message: 'digest' },
  });
  const url = await gateway.start();
  const workspaceDir = mkdtempSync(join(tmpdir(), 'methods-ws-'));
  studio = await startGatewayStudio({
    url,
    token: gateway.token,
    configPath: join(workspaceDir, 'no-openclaw.json'),
    workspaceDir,
  });
  browser = await launchBrowser();
  page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await studio?.stop();
  await gateway?.stop();
});

test('New job and Delete are hidden on a gateway without cron.add and cron.remove', async () => {
  await page.goto(`${studio.url}/cron`);
  const jobs = page.getByRole('region', { name: 'Jobs' });
  // the job comes in once the bridge has met the gateway, and with it the status that names its methods
  await jobs.getByText('Nightly digest').waitFor();
  await page.reload();
  await jobs.getByText('Nightly digest').waitFor();
  assert.equal(await page.getByRole('button', { name: 'New job' }).count(), 0, 'no New job');

  await jobs.getByText('Nightly digest').click();
  await page.getByRole('heading', { name: 'Nightly digest' }).waitFor();
  await page.getByRole('button', { name: /Run now/ }).waitFor();
  assert.ok(await page.getByRole('button', { name: /Pause/ }).isVisible(), 'Pause stays (cron.update is offered)');
  assert.equal(await page.getByRole('button', { name: /Delete/ }).count(), 0, 'no Delete');
});
