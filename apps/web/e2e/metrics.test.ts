// The metrics page on the demo data: every chart draws with tooltips and turns into a table, the range lives
// in the URL, content performance arrives through the API, and a schedule suggestion is applied through the
// control path. Desktop and 375 px dark, with axe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { until } from '@agent-studio/database/testing';
import { accessibilityViolations, screenshot, SCREENSHOT_DIR, useDemoStudio } from './harness';

const { studio, page, browser } = useDemoStudio({ sharedPage: true, then: publishTwo });
const published: string[] = [];

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Two demo items published, with figures sent the way an analytics script would. */
async function publishTwo() {
  const outputs = (await (await studio().fetch('/api/gtm/outputs?limit=100')).json()).outputs as {
    id: string;
    status: string;
  }[];
  const figures = [
    { views: 1800, engagement: 120, clicks: 64 },
    { views: 450, engagement: 30, clicks: 9 },
  ];
  for (const [i, o] of outputs
    .filter((x) => x.status !== 'published')
    .slice(0, 2)
    .entries()) {
    const approve = await studio().fetch(`/api/gtm/outputs/${o.id}`, {
      ...json({ status: 'approved' }),
      method: 'PATCH',
    });
    assert.equal(approve.status, 200, await approve.text());
    assert.equal(
      (await studio().fetch(`/api/gtm/outputs/${o.id}/publish`, json({ url: `https://example.com/p/${i}` }))).status,
      202,
    );
    await until(
      'published',
      async () => (await (await studio().fetch(`/api/gtm/outputs/${o.id}`)).json()).output.status === 'published',
    );
    const res = await studio().fetch(`/api/gtm/outputs/${o.id}/metrics`, json(figures[i]));
    assert.equal(res.status, 200, await res.text());
    published.push(o.id);
  }
  assert.equal(published.length, 2, 'two demo items published');
  // the demo's live runs leave sessions with token usage
  await until('a finished session with tokens', async () =>
    (
      (await (await studio().fetch('/api/agents/sessions?limit=50')).json()).sessions as {
        tokenUsage?: { total?: number };
      }[]
    ).some((s) => (s.tokenUsage?.total ?? 0) > 0),
  );
  // the history's runs have their cost at the model's prices (issue 16 item 6), as the session list's first pass
  // brings it after the runs' backfill (newest first): the cost chart is drawn with it, not flat and then a jump
  // Only the sessions started before the wait: the demo keeps finishing runs, each costed a little after it ends,
  // so on a busy machine there may never be a moment when every session has its cost
  const began = Date.now();
  // the sessions found without a cost at the last look: named if the wait ends unmet
  let lacking: unknown[] = [];
  await until('the cost of every cron session with tokens, the oldest too', async () => {
    lacking = [];
    for (let cursor = ''; ;) {
      const page = (await (
        await studio().fetch(`/api/agents/sessions?type=cron&limit=200${cursor && `&cursor=${cursor}`}`)
      ).json()) as {
        sessions: { status: string; startedAt: string; tokenUsage?: { total?: number }; costUsd: number | null }[];
        nextCursor: string | null;
      };
      const uncosted = (s: (typeof page.sessions)[number]) =>
        s.status !== 'running' && s.tokenUsage?.total && !s.costUsd && Date.parse(s.startedAt) < began;
      lacking.push(...page.sessions.filter(uncosted));
      if (!page.nextCursor) return !lacking.length;
      cursor = encodeURIComponent(page.nextCursor);
    }
  }).catch((err: Error) => {
    throw new Error(`${err.message}; without a cost at the last look: ${JSON.stringify(lacking.slice(0, 5))}`);
  });
}

/** What the items published in before() are now (for a failure's message). */
const publishedNow = async () =>
  JSON.stringify(
    await Promise.all(
      published.map(async (id) => {
        const o = (await (await studio().fetch(`/api/gtm/outputs/${id}`)).json()).output;
        return { id, status: o?.status, publishedAt: o?.publishedAt, updatedAt: o?.updatedAt };
      }),
    ),
  );

const PANELS = [
  'Success rate over time',
  'Success rate per job',
  'Run durations per job',
  'Usage per hour',
  'Usage per agent',
  'Usage per model',
  'Output velocity',
  'Content by status',
  'Time from draft to published',
  'Performance by type',
  'Performance by tag',
  'Performance by publishing hour',
];

test('metrics: every chart draws on the demo data, shows a tooltip, and switches to a table of the same figures', async () => {
  await page().goto(`${studio().url}/metrics?range=24h`);
  await page().getByRole('heading', { name: 'Metrics', level: 1 }).waitFor();
  assert.equal(
    await page()
      .getByRole('navigation', { name: 'Range' })
      .getByRole('link', { name: 'Last 24 hours' })
      .getAttribute('aria-current'),
    'page',
  );
  for (const title of PANELS) {
    const panel = page().getByRole('region', { name: title, exact: true });
    const chart = panel.locator('figure .recharts-surface');
    await chart
      .first()
      .waitFor()
      .catch(async () => assert.fail(`${title}: no chart (${await panel.innerText()}); ${await publishedNow()}`));
    const marks = await panel.locator('.recharts-bar-rectangle, .recharts-line-curve').count();
    assert.ok(marks > 0, `${title}: nothing drawn`);
    // hover the middle of the plot: the tooltip names a figure
    await panel.locator('figure').scrollIntoViewIfNeeded();
    const box = (await panel.locator('figure').boundingBox())!;
    await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await panel
      .locator('.recharts-tooltip-wrapper')
      .filter({ hasText: /\d/ })
      .waitFor({ state: 'visible' })
      .catch(() => assert.fail(`${title}: no tooltip`));
  }
  // a tooltip shown is as readable as the page (recharts writes its items in the series' colours)
  assert.deepEqual(await accessibilityViolations(page()), [], 'with a tooltip shown');
  assert.ok(
    (await page()
      .getByRole('region', { name: /^(Gateway connected \(share of samples\)|Agents running)$/ })
      .count()) >= 2,
    'sampled system metrics charted, titled in words',
  );
  // a line of one or two points (the samples of a studio just started) is drawn as large dots, not as nothing
  // (recharts draws a line's points as a group of their own)
  const dots = await page()
    .locator('section[aria-labelledby="h-system-samples"] .recharts-line-dots')
    .evaluateAll((groups) => groups.map((g) => [...g.querySelectorAll('circle')].map((c) => c.getAttribute('r'))));
  assert.ok(
    dots.some((r) => r.length > 0),
    'no sampled line draws its points',
  );
  for (const r of dots.filter((d) => d.length > 0 && d.length < 3))
    assert.deepEqual(new Set(r), new Set(['5']), `${r}`);
  // no chart is titled with a raw metric key (cost.last_hour)
  const titles = await page().locator('main [role=region] h2').allInnerTexts();
  assert.deepEqual(
    titles.filter((t) => /\w\.\w|_/.test(t)),
    [],
    'raw keys as titles',
  );
  // one colour per figure across the page: "Runs" is drawn in the same colour wherever it appears
  const legend = await page()
    .locator('.recharts-legend-item')
    .evaluateAll((items) =>
      items.map(
        (i) =>
          [
            i.textContent ?? '',
            [...i.querySelectorAll('path, line')]
              .flatMap((p) => [p.getAttribute('fill'), p.getAttribute('stroke')])
              .find((c) => c && c !== 'none') ?? '',
          ] as const,
      ),
    );
  const colours = new Map<string, Set<string>>();
  for (const [name, colour] of legend) colours.set(name, (colours.get(name) ?? new Set()).add(colour));
  assert.ok(
    (colours.get('Runs')?.size ?? 0) === 1 && legend.filter(([n]) => n === 'Runs').length >= 2,
    `Runs: ${[...(colours.get('Runs') ?? [])].join(', ')}`,
  );
  for (const [name, set] of colours) assert.equal(set.size, 1, `${name} is drawn in ${[...set].join(' and ')}`);
  // a job's name under its bar is slanted and cut to fit, the whole name on hover
  const ticks = page()
    .getByRole('region', { name: 'Success rate per job', exact: true })
    .locator('.recharts-cartesian-axis-tick-label:has(title)');
  assert.ok((await ticks.count()) >= 4);
  for (const t of await ticks.all()) {
    const [shown, whole] = await Promise.all([t.locator('text').textContent(), t.locator('title').textContent()]);
    assert.ok(
      shown!.length <= 18 && (shown === whole || (shown!.endsWith('…') && whole!.startsWith(shown!.slice(0, -1)))),
      `${shown} / ${whole}`,
    );
  }
  await page().mouse.move(0, 0);
  await screenshot(page(), 'metrics');
  for (const section of ['Cron jobs', 'Tokens and cost', 'Content', 'Content performance', 'System samples']) {
    const slug = section.toLowerCase().replaceAll(' ', '-');
    await page()
      .locator(`section[aria-labelledby="h-${slug}"]`)
      .screenshot({ path: `${SCREENSHOT_DIR}/metrics-section-${slug}.png` });
  }
  assert.deepEqual(await accessibilityViolations(page()), []);

  // the table view holds the same figures: the per-job table lists every job that ran, with its success rate
  const jobs = page().getByRole('region', { name: 'Success rate per job', exact: true });
  await jobs.getByRole('button', { name: 'table' }).click();
  const rows = jobs.getByRole('table').getByRole('row');
  assert.ok((await rows.count()) >= 5, 'a row per job plus the header');
  assert.match(await jobs.getByRole('table').innerText(), /Competitor pricing scan\s+\d+(\.\d)?%/);
  const perf = page().getByRole('region', { name: 'Performance by type', exact: true });
  await perf.getByRole('button', { name: 'table' }).click();
  assert.match(await perf.getByRole('table').innerText(), /Views per item/);
  await screenshot(page(), 'metrics-tables');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('metrics: ranges are links and a custom date form, kept in the URL', async () => {
  await page().goto(`${studio().url}/metrics?range=24h`);
  await page().getByRole('navigation', { name: 'Range' }).getByRole('link', { name: '30 days' }).click();
  await page().waitForURL(/range=30d/);
  await page().getByRole('region', { name: 'Usage per day', exact: true }).waitFor();
  const form = page().getByRole('form', { name: 'Custom range' });
  const today = new Date().toLocaleDateString('en-CA');
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA');
  await form.getByLabel('From').fill(yesterday);
  await form.getByLabel('to').fill(today);
  // the browser draws a date input in its region's order (mm/dd/yyyy in en-US): beside it, the date in words
  const inWords = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(`${yesterday}T12:00`),
  );
  await form.locator('[data-date-echo]', { hasText: new RegExp(`^${inWords}$`) }).waitFor();
  await form.getByRole('button', { name: 'Show' }).click();
  await page().waitForURL(new RegExp(`range=custom&from=${yesterday}&to=${today}`));
  await page()
    .getByRole('region', { name: 'Success rate over time', exact: true })
    .locator('figure .recharts-surface')
    .first()
    .waitFor();
  await screenshot(page(), 'metrics-custom');
});

test('schedule advice: the demo’s colliding jobs are named and a suggestion is applied through the bridge', async () => {
  await page().goto(`${studio().url}/metrics`);
  const overlaps = page().getByRole('region', { name: 'Overlapping jobs' });
  // hours in words, never a cron field ("at 17,23 h")
  assert.doesNotMatch(
    await page().locator('section[aria-labelledby="h-advice"]').innerText(),
    /\d+(?:[,-]\d+)+ h\b|\d h \(/,
  );
  await overlaps
    .getByText(/Inbox triage and Competitor pricing scan|Competitor pricing scan and Inbox triage/)
    .waitFor();
  const suggestions = page().getByRole('region', { name: 'Suggestions' });
  const first = suggestions.getByRole('listitem').first();
  assert.match(await first.innerText(), /Collisions with other jobs: \d+ → \d+ a week/);
  await page()
    .locator('section[aria-labelledby="h-advice"]')
    .screenshot({ path: `${SCREENSHOT_DIR}/metrics-schedule-advice.png` });
  await first.getByRole('button', { name: 'Apply' }).click();
  await page().getByRole('dialog').getByRole('button', { name: 'Apply' }).click();
  // the bridge answers the queued cron.update (applied, or why it could not be)
  const outcome = first.getByRole('status').filter({ hasText: /Applied|Queued for the bridge|Not applied/ });
  await outcome.waitFor();
  console.log(`apply: ${await outcome.innerText()}`);
});

test('content page: a published item’s figures are entered by hand', async () => {
  // (beside stress-ng the items published in before() were once no longer published here: say what they are)
  const item = (await (await studio().fetch(`/api/gtm/outputs/${published[1]}`)).json()).output;
  assert.equal(item.status, 'published', await publishedNow());
  await page().goto(`${studio().url}/content/${published[1]}`);
  const form = page().getByRole('form', { name: 'Performance figures' });
  assert.equal(await form.getByLabel('Views').inputValue(), '450', 'the figures sent through the API');
  await form.getByLabel('Views').fill('990');
  await form.getByLabel('Clicks').fill('21');
  await form.getByRole('button', { name: 'Save figures' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const stored = (await (await studio().fetch(`/api/gtm/outputs/${published[1]}`)).json()).output.metrics;
  assert.deepEqual(stored, { views: 990, engagement: 30, clicks: 21 });
  await screenshot(page(), 'content-performance-form');
  assert.deepEqual(await accessibilityViolations(page()), []);
});

test('metrics at 375 px in dark mode: no sideways scrolling, no serious axe violations', async () => {
  const phone = await studio().newPage(browser(), { viewport: { width: 375, height: 812 }, colorScheme: 'dark' });
  await phone.goto(`${studio().url}/metrics?range=24h`);
  await phone
    .getByRole('region', { name: 'Success rate over time', exact: true })
    .locator('figure .recharts-surface')
    .first()
    .waitFor();
  assert.equal(await phone.locator('html').getAttribute('class'), 'dark');
  await screenshot(phone, 'mobile-dark-metrics');
  // a slanted name under the first bar stays inside its chart (the phone's narrow plot cut it at the left edge)
  const cut = await phone
    .locator('.recharts-cartesian-axis-tick-label:has(title) text')
    .evaluateAll((names) =>
      names
        .filter((t) => t.getBoundingClientRect().left < t.closest('svg')!.getBoundingClientRect().left - 0.5)
        .map((t) => t.textContent),
    );
  assert.deepEqual(cut, [], 'names cut at the chart’s left edge');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `metrics scrolls sideways (${width}px)`);
  assert.deepEqual(await accessibilityViolations(phone), []);
  await phone.close();
});
