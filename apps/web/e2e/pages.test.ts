import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '@agent-studio/database/testing';

import { accessibilityViolations, E2E_DEADLINE_MS, screenshot, useDemoStudio } from './harness';

const { studio, page, browser } = useDemoStudio({ sharedPage: true });

test('cron jobs: every job with its schedule in words, and a job page with its run history', async () => {
  await page().goto(`${studio().url}/cron`);
  const jobs = page().getByRole('region', { name: 'Jobs' });
  await jobs.getByText('Daily market digest').waitFor();
  assert.ok(await jobs.getByText('At 07:00').first().isVisible(), 'cron expression described in words');
  assert.ok(await jobs.getByText('paused').isVisible(), 'the disabled job is marked');
  const timeline = page().getByRole('figure', { name: /Runs of \d+ jobs over the last 24 hours/ });
  assert.ok(
    (await timeline.locator('[title^="completed"], [title^="failed"]').count()) > 20,
    'the past day of runs drawn as bars',
  );
  assert.ok((await timeline.locator('[title^="next:"]').count()) > 5, 'the next day of runs drawn as ticks');
  await screenshot(page(), 'cron-list');
  assert.deepEqual(await accessibilityViolations(page()), []);

  // applied as typed, no button to press
  await page().getByRole('search').getByPlaceholder('Search name or message').fill('inbox');
  await page().waitForURL(/q=inbox/);
  await page().waitForFunction(() => document.querySelectorAll('[aria-label="Jobs"] li').length === 1);

  await jobs.getByText('Inbox triage').click();
  await page().getByRole('heading', { name: 'Inbox triage' }).waitFor();
  const history = page().getByRole('region', { name: 'Run history' });
  assert.ok((await history.getByRole('listitem').count()) > 10, 'the 48 h history of an every-15-minutes job');
  assert.equal(await page().getByRole('region', { name: 'Next runs' }).locator('li').count(), 5);
  await screenshot(page(), 'cron-job');
  assert.deepEqual(await accessibilityViolations(page()), []);

  // Run now: a confirmation that names the job, then the run through bridge and gateway, live in the history
  await page().getByRole('button', { name: 'Run now' }).click();
  const dialog = page().getByRole('dialog');
  await dialog.getByText('Run “Inbox triage” now?').waitFor();
  await dialog.getByRole('button', { name: 'Run now' }).click();
  await page().getByRole('status').filter({ hasText: 'Run started.' }).waitFor();
  // (the demo may start a scheduled run of the same job meanwhile: the manual one is among the newest)
  const manual = history.getByRole('listitem').filter({ hasText: 'manual' }).first();
  await manual.waitFor();

  // the run page streams the run's log, then says it finished
  await manual.getByRole('link').click();
  await page().getByRole('heading', { name: 'Run of Inbox triage' }).waitFor();
  const log = page().getByRole('log', { name: 'Log lines' });
  await log.getByText('user: Triage the support inbox', { exact: false }).waitFor();
  await page().locator('[data-log-state="ended"]').waitFor();
  await screenshot(page(), 'cron-run');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('the watchdog: missed and suspicious runs, each ended by a later run that succeeded, so Needs attention lists neither', async () => {
  // the demo's history: the pricing scan (every 30 min) did not run for an hour 5-6 h ago; one inbox triage
  // run 3 h ago "succeeded" with an empty summary. Both jobs have succeeded many times since
  const timeline = page().getByRole('figure', { name: /Runs of \d+ jobs/ });
  const marks = timeline.locator('[title^="missed: expected"]');
  // the watchdog's first pass over the demo's history may come after this test starts on a busy machine: the
  // page is opened again until it has run (the deadline only ends a hung run)
  for (const deadline = Date.now() + E2E_DEADLINE_MS; ;) {
    await page().goto(`${studio().url}/cron`);
    const seen = await marks
      .nth(1)
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (seen) break;
    assert.ok(Date.now() < deadline, 'the watchdog never reported the missed runs');
  }
  assert.equal(await marks.count(), 2, 'the two missed runs marked on the timeline');
  assert.equal(await timeline.locator('[title*="ended: a later run succeeded at"]').count(), 2, 'each says it ended');
  const scan = page()
    .getByRole('region', { name: 'Jobs' })
    .getByRole('listitem')
    .filter({ hasText: 'Competitor pricing scan' });
  assert.equal(await scan.getByText(/^missed/).count(), 0, 'no warning left on the list');
  await screenshot(page(), 'cron-list-missed');
  await scan.click();
  await page().getByRole('heading', { name: 'Competitor pricing scan' }).waitFor();
  const details = page().getByRole('region', { name: 'Details' });
  assert.ok(await details.getByText('Missed (24 h)').isVisible());
  assert.equal(
    await details.getByText(/^ended: a later run succeeded at \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/).count(),
    2,
    'when each ended',
  );
  await screenshot(page(), 'cron-job-missed-ended');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await details.getByRole('link', { name: 'later run' }).first().click();
  await page().getByRole('heading', { name: 'Run of Competitor pricing scan' }).waitFor();

  // the suspicious run, found through the API (the run history is a virtual list)
  const jobs: { id: string; name: string }[] = (await (await studio().fetch('/api/cron/jobs')).json()).jobs;
  const triage = jobs.find((j) => j.name === 'Inbox triage')!;
  const suspicious = await until('the watchdog to judge the silent triage run', async () => {
    const { runs } = await (await studio().fetch(`/api/cron/jobs/${triage.id}/runs?limit=200`)).json();
    return runs.find((r: { suspiciousReason: string | null }) => r.suspiciousReason) as { id: string } | undefined;
  });
  await page().goto(`${studio().url}/cron/runs/${suspicious.id}`);
  await page().getByRole('heading', { name: 'Run of Inbox triage' }).waitFor();
  assert.ok(await page().getByText('Reported success with an empty summary.').isVisible());
  assert.ok(await page().getByText('suspicious', { exact: true }).isVisible());
  await page()
    .getByText(/^ended: a later run succeeded at /)
    .waitFor();
  await screenshot(page(), 'cron-run-suspicious');
  assert.deepEqual(await accessibilityViolations(page()), []);

  await page().goto(studio().url);
  const attention = page().getByRole('region', { name: 'Needs attention' });
  await attention.waitFor();
  assert.equal(await attention.getByText(/^missed/).count(), 0, 'an ended miss is not listed');
  assert.equal(await attention.getByText(/Reported success with/).count(), 0, 'an ended suspicion is not listed');
  // but their failures, and the demo's others, wait in the inbox until seen: Needs attention says how many and
  // leads there (the demo fails runs as it goes: the page is read again until it agrees with the inbox)
  const waiting = attention.getByRole('link', { name: /waits? in the inbox/ });
  for (const deadline = Date.now() + E2E_DEADLINE_MS; ; await page().reload()) {
    const shown = /^([\d,]+) failures?/.exec(await waiting.innerText())?.[1]?.replace(/,/g, '');
    const inbox = (await (await studio().fetch('/api/inbox')).json()) as { failures: unknown[] };
    if (Number(shown) === inbox.failures.length && inbox.failures.length > 0) break;
    assert.ok(Date.now() < deadline, `Needs attention says ${shown} failures, the inbox has ${inbox.failures.length}`);
  }
  assert.equal(await waiting.getAttribute('href'), '/inbox');
  // the demo's WhatsApp is logged out: a channel down needs the owner too
  await attention.getByText('The WhatsApp channel is down').waitFor();
  assert.match(await attention.innerText(), /WhatsApp Web logged out: link the device again/);
  await screenshot(page(), 'dashboard-attention');
});

test('content: status tabs, full-text search with highlighted matches, and a sanitized detail page', async () => {
  await page().goto(`${studio().url}/content`);
  const items = page().getByRole('region', { name: 'Content items' });
  await items.locator('li').first().waitFor();
  await page().getByRole('navigation', { name: 'Status' }).getByRole('link', { name: 'pending review' }).click();
  await page().waitForURL(/status=pending_review/);
  assert.ok((await items.locator('li').count()) >= 1);
  await page().goto(`${studio().url}/content?q=observability`);
  await items.locator('mark').first().waitFor();
  assert.match((await items.locator('mark').first().innerText()).toLowerCase(), /observability/);
  await screenshot(page(), 'content-search');
  assert.deepEqual(await accessibilityViolations(page()), []);

  await items.locator('li a').first().click();
  await page().getByRole('region', { name: 'Preview' }).locator('strong').first().waitFor();
  await screenshot(page(), 'content-item');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('content an agent wrote links to its job and session, and the session lists it', async () => {
  const item = await until('content the demo wrote from a run', async () => {
    const { outputs } = await (await studio().fetch('/api/gtm/outputs?limit=200')).json();
    return outputs.find((o: { sourceSessionId: string | null }) => o.sourceSessionId) as
      { id: string; title: string; sourceJobId: string | null; sourceSessionId: string | null } | undefined;
  });
  await page().goto(`${studio().url}/content/${item.id}`);
  await page().getByRole('region', { name: 'Metadata' }).getByRole('link').first().waitFor();
  await page().goto(`${studio().url}/agents/${item.sourceSessionId}`);
  await page().getByRole('region', { name: 'Outputs' }).getByText(item.title).waitFor();
});

test('agents: running and recent sessions, and a session page with its swarm and log', async () => {
  await page().goto(`${studio().url}/agents`);
  await page().getByRole('heading', { name: 'Agents' }).waitFor();
  // the demo spawns a swarm every few runs: wait until a sub-agent exists
  await until('a sub-agent of a swarm on the page', async () => {
    if (
      await page()
        .getByText(/researcher-/)
        .count()
    )
      return true;
    await page().reload();
    return false;
  });
  await screenshot(page(), 'agents');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await page()
    .getByText(/researcher-/)
    .first()
    .click();
  const swarm = page().getByRole('region', { name: 'Swarm' });
  await swarm.waitFor();
  assert.ok((await swarm.locator('li').count()) >= 3, 'parent and its sub-agents');
  await page().getByRole('log', { name: 'Log lines' }).getByText('tool web_search').waitFor();
  // a tool call's input and output unfold
  await page().getByRole('button', { name: 'Show tool input and output' }).first().click();
  await page().getByRole('log', { name: 'Log lines' }).getByText('input:', { exact: false }).first().waitFor();
  await screenshot(page(), 'agent-session');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('failures: failed runs and agent sessions grouped by cause, with the jobs and agents affected and a suggested fix', async () => {
  await page().goto(`${studio().url}/failures`);
  const groups = page().getByRole('region', { name: 'Failure groups' });
  const rateLimit = groups.getByRole('listitem').filter({ hasText: 'rate limit' }).first();
  await rateLimit.waitFor();
  assert.match(await rateLimit.innerText(), /Competitor pricing scan/);
  assert.match(await rateLimit.innerText(), /Suggested fix: .*Spread the schedules/);
  assert.match(await rateLimit.innerText(), /\d+×/);
  const rateLimitHref = await rateLimit.getByRole('link').first().getAttribute('href');
  // the demo's opening swarm: its sub-agent "launch-writer" ended in error (the mirror may take a moment)
  const agentFailure = groups
    .getByRole('listitem')
    .filter({ has: page().getByRole('link', { name: 'agent launch-writer' }) });
  await until('the failure group of agent launch-writer', async () => {
    if (await agentFailure.count()) return true;
    await page().reload();
    return false;
  }).catch(async (err: Error) => {
    // what the mirror has of it, to tell a mirror defect from a page one
    const res = await studio().fetch('/api/agents/sessions?type=subagent&limit=200');
    const { sessions } = (await res.json()) as { sessions: { id: string; agentName: string }[] };
    const rows = sessions.filter((s) => s.agentName === 'launch-writer');
    const logs = await Promise.all(
      rows.map(async (s) => (await studio().fetch(`/api/agents/sessions/${s.id}/logs/lines?limit=20`)).text()),
    );
    throw new Error(`${err.message}; its sessions: ${JSON.stringify(rows)}; their lines: ${logs.join(' | ')}`);
  });
  const group = agentFailure.first();
  assert.match(await group.innerText(), /context overflow/);
  assert.match(await group.innerText(), /Context window exceeded/);
  assert.match(
    await group.innerText(),
    /Suggested fix: The conversation no longer fits the model's context window\. Start fresh with \/new/,
  );
  const agentLink = await group.getByRole('link', { name: 'agent launch-writer' }).getAttribute('href');
  assert.match(agentLink ?? '', /^\/agents\/[0-9a-f-]{36}$/);
  const newest = await group.getByRole('link').first().getAttribute('href');
  assert.match(
    newest ?? '',
    /^\/agents\/[0-9a-f-]{36}$/,
    'the newest example of an agents-only failure is a session page',
  );
  const header = await page()
    .getByRole('heading', { name: 'Failures' })
    .locator('xpath=following-sibling::p')
    .innerText();
  const m = /^(\d+) failures in the last 30 days \((\d+) cron runs?, (\d+) agent sessions?\)/.exec(header);
  assert.ok(m, header);
  assert.ok(Number(m[3]) >= 1, header);
  assert.equal(Number(m[1]), Number(m[2]) + Number(m[3]), header);
  // the causes the studio does not know yet are listed apart, under "Not recognised yet"
  const items = [
    ...(await groups.getByRole('listitem').allInnerTexts()),
    ...(await page().getByRole('region', { name: 'Not recognised yet' }).getByRole('listitem').allInnerTexts()),
  ];
  const counted = items.reduce((n, t) => n + Number(/(\d+)×/.exec(t)?.[1] ?? 0), 0);
  assert.equal(counted, Number(m[1]), 'the groups add up to the header');
  await group.scrollIntoViewIfNeeded();
  await screenshot(page(), 'failures');
  assert.deepEqual(await accessibilityViolations(page()), []);
  await page().getByRole('link', { name: 'agent launch-writer' }).first().click();
  await page().getByRole('heading', { name: 'launch-writer' }).waitFor();
  // the newest rate-limited run's page says the same cause and fix
  await page().goto(`${studio().url}${rateLimitHref}`);
  const why = page().getByRole('region', { name: 'Why it failed' });
  await why.waitFor();
  assert.match(await why.innerText(), /rate limit[\s\S]*Suggested fix: .*Spread the schedules/);
  await screenshot(page(), 'run-failure');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('every page works at 375 px in dark mode: no sideways scrolling, tables become cards, no serious axe violations', async () => {
  const phone = await studio().newPage(browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  const ids = await phone.request.get(`${studio().url}/api/cron/jobs`).then((r) => r.json());
  const job = ids.jobs.find((j: { name: string }) => j.name === 'Inbox triage');
  const content = (await phone.request.get(`${studio().url}/api/gtm/outputs?limit=1`).then((r) => r.json())).outputs[0];
  const session = (await phone.request.get(`${studio().url}/api/agents/sessions?limit=1`).then((r) => r.json()))
    .sessions[0];
  const run = (await phone.request.get(`${studio().url}/api/cron/jobs/${job.id}/runs?limit=1`).then((r) => r.json()))
    .runs[0];
  const pages = {
    dashboard: '/',
    cron: '/cron',
    job: `/cron/${job.id}`,
    run: `/cron/runs/${run.id}`,
    content: '/content',
    item: `/content/${content.id}`,
    agents: '/agents',
    session: `/agents/${session.id}`,
    failures: '/failures',
    activity: '/activity',
    settings: '/settings',
  };
  for (const [name, path] of Object.entries(pages)) {
    await phone.goto(`${studio().url}${path}`);
    await phone.locator('main h1').first().waitFor();
    assert.equal(await phone.locator('html').getAttribute('class'), 'dark');
    await screenshot(phone, `mobile-dark-${name}`);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    const widest = await phone.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 376)
        .map((e) => `${e.tagName}.${e.className}`)
        .slice(-3),
    );
    assert.ok(width <= 375, `${name} scrolls sideways (${width}px): ${widest.join(' | ')}`);
    assert.deepEqual(await accessibilityViolations(phone), [], name);
  }
  await phone.close();
});

test('live: a run started through the API and a swarm’s sessions appear in open pages without a reload', async () => {
  const jobs = (
    await page()
      .request.get(`${studio().url}/api/cron/jobs`)
      .then((r) => r.json())
  ).jobs;
  const job = jobs.find((j: { name: string }) => j.name === 'Weekly SEO report');
  await page().goto(`${studio().url}/cron/${job.id}`);
  await page().locator('[data-live-state="live"]').waitFor();
  await page().evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const history = page().getByRole('region', { name: 'Run history' });
  const before = await history.getByRole('listitem').count();
  const res = await page().request.post(`${studio().url}/api/cron/jobs/${job.id}/trigger`, { data: {} });
  assert.equal(res.status(), 200);
  const t0 = Date.now();
  // the latency is printed, not asserted: speed is for benchmarks (58 ms alone, ~2 s under the whole suite's load)
  await page().waitForFunction(
    (n) => document.querySelectorAll('[aria-label="Run history"] [role=listitem]').length > n,
    before,
  );
  console.log(`run visible ${Date.now() - t0} ms after the API answered`);
  assert.ok(await page().evaluate(() => (window as unknown as { stayed?: boolean }).stayed), 'no reload');

  await page().goto(`${studio().url}/agents`);
  await page().locator('[data-live-state="live"]').waitFor();
  await page().evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const spawn = await page().request.post(`${studio().url}/api/agents/swarm/spawn`, {
    data: { task: 'Audit the pricing page', agents: ['auditor-one', 'auditor-two'] },
  });
  assert.equal(spawn.status(), 202);
  const t1 = Date.now();
  await page().getByText('auditor-two').first().waitFor();
  console.log(`swarm visible ${Date.now() - t1} ms after the API answered (the bridge executes the command first)`);
  assert.ok(await page().evaluate(() => (window as unknown as { stayed?: boolean }).stayed), 'no reload');
});

test('an unknown id answers 404 with a not-found page and a way back, not an error', async () => {
  // a known id still answers 200
  await page().goto(`${studio().url}/cron`);
  await page().getByRole('region', { name: 'Jobs' }).getByText('Inbox triage').click();
  await page().getByRole('heading', { name: 'Inbox triage' }).waitFor();
  assert.equal((await page().reload())?.status(), 200, `${page().url()} answers 200`);
  for (const path of [
    '/cron/00000000-0000-4000-8000-000000000000',
    '/content/not-a-uuid',
    '/agents/00000000-0000-4000-8000-000000000000',
    '/cron/runs/nope',
  ]) {
    const response = await page().goto(`${studio().url}${path}`);
    assert.equal(response?.status(), 404, `${path} answers 404`);
    await page().getByRole('heading', { name: 'Not found' }).waitFor();
    assert.ok(await page().getByRole('link', { name: 'Back to the dashboard' }).isVisible(), path);
  }
});
