// Host cron in the studio: a crontab line the studio reads is a job; "Run now" runs its command through the
// studio's runner (agent-studio exec) and the run page shows its output live, its exit code and peak memory;
// a run cron started with the wrapper (here: by hand, failing) is in the history too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, screenshot, startDemoStudio, type RunningStudio } from './harness';
import { until } from '@agent-studio/database/testing';

const ROOT = new URL('../../..', import.meta.url).pathname;

let studio: RunningStudio;
let browser: Browser;
let page: Page;
let dir: string;
let jobId: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-e2e-host-cron-'));
  const crontab = join(dir, 'crontab');
  writeFileSync(
    crontab,
    // the command holds after its first line until the test has seen it live (a file named go appears)
    `# backups\nTARGET=/srv/data\n30 2 * * * agent-studio exec --job nightly-backup -- sh -c 'echo "backing up $TARGET"; while [ ! -e ${join(dir, 'go')} ]; do sleep 0.1; done; echo "1,204 files copied"; echo "warning: disk almost full" >&2'\n`,
  );
  browser = await launchBrowser();
  studio = await startDemoStudio({ STUDIO_HOST_CRONTABS: crontab, STUDIO_SPOOL_DIR: join(dir, 'spool') });
  page = await studio.newPage(browser, { viewport: { width: 1280, height: 900 } });
  // a run the wrapper recorded on its own, as cron would start it: it failed
  const exec = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin/agent-studio.mjs'),
      'exec',
      '--job',
      'nightly-backup',
      '--',
      'sh',
      '-c',
      'echo "backing up"; echo "rsync: connection refused" >&2; exit 12',
    ],
    {
      env: { ...process.env, STUDIO_SPOOL_DIR: join(dir, 'spool'), DATABASE_URL: '' },
      encoding: 'utf8',
    },
  );
  assert.equal(exec.status, 12, exec.stderr);
});

after(async () => {
  await browser?.close();
  await studio?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a crontab line is a host-cron job; Run now shows its output live, then exit code and peak memory', async () => {
  await page.goto(`${studio.url}/cron`);
  const row = page.getByRole('region', { name: 'Jobs' }).getByRole('link', { name: /nightly-backup/ });
  await row.getByText('host cron').waitFor();
  await row.click();
  await page.getByRole('heading', { name: 'nightly-backup' }).waitFor();
  jobId = page.url().split('/').at(-1)!;
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByText('Command').waitFor();
  assert.match(await details.innerText(), /\/srv\/data|TARGET/);
  // the failed run the wrapper recorded
  await page.getByRole('list', { name: 'Runs' }).getByText('exited with code 12').waitFor();
  await screenshot(page, 'host-cron-job');
  assert.deepEqual(await accessibilityViolations(page), []);

  await page.getByRole('button', { name: 'Run now', exact: true }).click();
  await page.getByRole('dialog').getByText('as cron would').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Run now', exact: true }).click();
  // "Run started." once the bridge sees the run within 10 s (on a busy machine it may only be "Queued")
  await page
    .getByRole('status')
    .filter({ hasText: /Run started\.|Queued/ })
    .waitFor();
  const manual = await until('the manual run recorded', async () =>
    (
      (await (await studio.fetch(`/api/cron/jobs/${jobId}/runs?limit=5`)).json()).runs as {
        id: string;
        triggerType: string;
      }[]
    ).find((r) => r.triggerType === 'manual'),
  );

  await page.goto(`${studio.url}/cron/runs/${manual.id}`);
  const log = page.getByRole('region', { name: 'Log' });
  await log.getByText('backing up /srv/data').waitFor();
  // still running while the first line shows: the command waits for the test before its last lines
  const status = (await (await studio.fetch(`/api/cron/runs/${manual.id}`)).json()).run.status;
  assert.equal(status, 'running', 'the first line arrived while the command ran');
  writeFileSync(join(dir, 'go'), '');
  await log.getByText('warning: disk almost full').waitFor();
  await page.getByText('completed', { exact: true }).first().waitFor();
  await page.reload();
  const info = page.getByRole('region', { name: 'Details' });
  await info.getByText('Exit code').waitFor();
  const text = await info.innerText();
  assert.match(text, /Exit code\s+0/);
  assert.match(text, /Peak memory\s+\d+ MB/);
  assert.doesNotMatch(text, /Tokens|Model/);
  await page.getByRole('log').getByText('1,204 files copied').waitFor();
  await screenshot(page, 'host-cron-run');
  assert.deepEqual(await accessibilityViolations(page), []);
});

test('the host job and its run at 375 px in dark mode', async () => {
  const phone = await studio.newPage(browser, { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  const run = (await (await studio.fetch(`/api/cron/jobs/${jobId}/runs?limit=1`)).json()).runs[0];
  for (const [name, path] of Object.entries({ job: `/cron/${jobId}`, run: `/cron/runs/${run.id}` })) {
    await phone.goto(`${studio.url}${path}`);
    await phone.locator('main h1').first().waitFor();
    if (name === 'run') await phone.getByRole('log').getByText('warning: disk almost full').waitFor();
    await screenshot(phone, `mobile-dark-host-cron-${name}`);
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 375, `${name} scrolls sideways`);
    assert.deepEqual(await accessibilityViolations(phone), [], name);
  }
  await phone.close();
});
