import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { listGtmOutputs } from '@agent-studio/database';
import * as listRoute from '@/app/api/gtm/outputs/route';
import * as itemRoute from '@/app/api/gtm/outputs/[id]/route';
import * as publishRoute from '@/app/api/gtm/outputs/[id]/publish/route';
import * as metricsRoute from '@/app/api/gtm/outputs/[id]/metrics/route';
import * as commandRoute from '@/app/api/commands/[id]/route';
import { call, until, useStudio } from './fixture';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describeEachDriver('content API', (get) => {
  const studio = useStudio(get);
  const ids: Record<string, string> = {};

  before(async () => {
    const { gtmDir, db } = studio();
    mkdirSync(join(gtmDir, 'blog'));
    mkdirSync(join(gtmDir, 'social'));
    writeFileSync(
      join(gtmDir, 'blog/pricing.md'),
      '---\ntitle: Pricing changes explained\npriority: 8\nstatus: pending_review\n---\nWe changed how plans work.\n',
    );
    writeFileSync(
      join(gtmDir, 'blog/roadmap.md'),
      '---\ntitle: Our roadmap\npriority: 3\n---\nNext quarter brings pricing for teams and an API.\n',
    );
    writeFileSync(
      join(gtmDir, 'social/launch.md'),
      '# Launch day\n\nWe launch <img src=x onerror=alert(1)> today. <script>alert(2)</script>\n',
    );
    const titles = ['Launch day', 'Our roadmap', 'Pricing changes explained'];
    const rows = await until('the three outputs, with their titles', async () => {
      const r = await listGtmOutputs(db, {});
      return titles.every((t) => r.rows.some((row) => row.title === t)) && r.rows;
    });
    for (const r of rows) ids[r.title] = r.id;
  });

  test('GET /api/gtm/outputs filters by status and type, sorts by priority, pages with limit and a keyset cursor', async () => {
    const all = await call(listRoute.GET, 'GET', '/api/gtm/outputs');
    assert.equal(all.status, 200);
    assert.deepEqual([all.json.total, all.json.totalKind, all.json.nextCursor], [3, 'exact', null]);
    const review = await call(listRoute.GET, 'GET', '/api/gtm/outputs?status=pending_review');
    assert.deepEqual(
      review.json.outputs.map((o: { title: string }) => o.title),
      ['Pricing changes explained'],
    );
    const social = await call(listRoute.GET, 'GET', '/api/gtm/outputs?type=social');
    assert.deepEqual(
      social.json.outputs.map((o: { title: string }) => o.title),
      ['Launch day'],
    );
    const byPriority = await call(listRoute.GET, 'GET', '/api/gtm/outputs?sort=priority&limit=2');
    assert.deepEqual(
      byPriority.json.outputs.map((o: { priority: number }) => o.priority),
      [8, 5],
    );
    const page2 = await call(
      listRoute.GET,
      'GET',
      `/api/gtm/outputs?sort=priority&limit=2&cursor=${byPriority.json.nextCursor}`,
    );
    assert.deepEqual(
      page2.json.outputs.map((o: { priority: number }) => o.priority),
      [3],
    );
    assert.deepEqual([page2.json.total, page2.json.totalKind, page2.json.nextCursor], [3, 'exact', null]);
    // a cursor of another sort is refused, not read as this one's
    assert.equal(
      (await call(listRoute.GET, 'GET', `/api/gtm/outputs?limit=2&cursor=${byPriority.json.nextCursor}`)).status,
      400,
    );
  });

  test('search ranks a title match above a body match and marks the words, escaping the rest', async () => {
    const { json } = await call(listRoute.GET, 'GET', '/api/gtm/outputs?search=pricing');
    assert.deepEqual(
      json.outputs.map((o: { title: string }) => o.title),
      ['Pricing changes explained', 'Our roadmap'],
    );
    assert.match(json.outputs[1].headline, /<mark>pricing<\/mark>/);
    const xss = await call(listRoute.GET, 'GET', '/api/gtm/outputs?search=launch');
    assert.ok(!/<img|<script/.test(xss.json.outputs[0].headline), xss.json.outputs[0].headline);
  });

  test('bad list queries are 400s that name the field', async () => {
    for (const [qs, field] of [
      ['status=done', 'status'],
      ['limit=500', 'limit'],
      ['cursor=nope', 'cursor'],
      ['sort=oldest', 'sort'],
    ]) {
      const res = await call(listRoute.GET, 'GET', `/api/gtm/outputs?${qs}`);
      assert.equal(res.status, 400, qs);
      assert.equal(res.json.error.details.issues[0].field, field);
    }
  });

  test('GET /api/gtm/outputs/:id gives the sanitized HTML', async () => {
    const { status, json } = await call(itemRoute.GET, 'GET', '/api/gtm/outputs/x', {
      params: { id: ids['Launch day']! },
    });
    assert.equal(status, 200);
    assert.match(json.output.contentHtml, /<h1>Launch day<\/h1>/);
    assert.ok(!/onerror|<script/i.test(json.output.contentHtml), json.output.contentHtml);
    assert.equal((await call(itemRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404);
  });

  test('a file whose front matter is not YAML says why in the API, and its text is kept whole (issue 13)', async () => {
    const { gtmDir, db } = studio();
    writeFileSync(
      join(gtmDir, 'blog/scripted.md'),
      "---js\nmodule.exports = { title: require('os').hostname() }\n---\n# Scripted front matter\n",
    );
    const row = await until('the scripted file', async () =>
      (await listGtmOutputs(db, {})).rows.find((r) => r.title === 'Scripted front matter'),
    );
    const { json } = await call(itemRoute.GET, 'GET', '/x', { params: { id: row.id } });
    assert.match(
      json.output.importProblem,
      /front matter marked as "js" is not read \(only YAML is\); imported as plain text/,
    );
    assert.match(json.output.contentMd, /^---js\nmodule\.exports/);
    assert.equal(
      (await call(itemRoute.GET, 'GET', '/x', { params: { id: ids['Our roadmap']! } })).json.output.importProblem,
      null,
    );
  });

  test('PATCH moves through allowed statuses only, and an edit on a stale revision is refused with the current one', async () => {
    const id = ids['Our roadmap']!;
    const bad = await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { status: 'published' } });
    assert.equal(bad.status, 409);
    assert.equal(bad.json.error.code, 'invalid_transition');
    assert.ok(bad.json.error.allowed.includes('pending_review'));

    const review = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { status: 'pending_review', priority: 9 },
    });
    assert.equal(review.status, 200);
    assert.equal(review.json.output.status, 'pending_review');
    assert.equal(review.json.output.priority, 9);

    const rev = review.json.output.revision;
    const edit = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { content_md: '# Roadmap\n\n**Teams** next.', baseRevision: rev },
    });
    assert.equal(edit.status, 200);
    assert.equal(edit.json.output.revision, rev + 1);
    assert.match(edit.json.output.contentHtml, /<strong>Teams<\/strong>/);
    const stale = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { content_md: 'lost?', baseRevision: rev },
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.json.error.code, 'revision_conflict');
    assert.equal(stale.json.error.current.contentMd, '# Roadmap\n\n**Teams** next.');

    const when = new Date(Date.now() + 86_400_000).toISOString();
    const scheduled = await call(itemRoute.PATCH, 'PATCH', '/x', {
      params: { id },
      body: { scheduledFor: when, scheduledUrl: 'https://example.com/roadmap' },
    });
    assert.equal(scheduled.json.output.scheduledFor, when);
    assert.equal(scheduled.json.output.scheduledUrl, 'https://example.com/roadmap');
  });

  test('PATCH with a bad body is a 400 that says why, and nothing changes', async () => {
    const id = ids['Launch day']!;
    const before = (await call(itemRoute.GET, 'GET', '/x', { params: { id } })).json.output;
    const cases: [unknown, string][] = [
      [{}, 'body'],
      [{ priority: 11 }, 'priority'],
      [{ status: 'done' }, 'status'],
      [{ scheduledFor: 'tomorrow' }, 'scheduledFor'],
      [{ owner: 'me' }, 'body'],
    ];
    for (const [body, field] of cases) {
      const res = await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.details.issues[0].field, field, JSON.stringify(res.json));
    }
    assert.equal((await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, rawBody: 'not json' })).status, 400);
    assert.equal(
      (await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id: UNKNOWN }, body: { priority: 2 } })).status,
      404,
    );
    assert.deepEqual((await call(itemRoute.GET, 'GET', '/x', { params: { id } })).json.output, before);
  });

  test('publish goes through the bridge and marks the item published with its URL', async () => {
    const id = ids['Pricing changes explained']!;
    const early = await call(publishRoute.POST, 'POST', '/x', {
      params: { id },
      body: { url: 'https://example.com/pricing' },
    });
    assert.equal(early.status, 409, 'pending review cannot be published before approval');
    await call(itemRoute.PATCH, 'PATCH', '/x', { params: { id }, body: { status: 'approved' } });
    const res = await call(publishRoute.POST, 'POST', '/x', {
      params: { id },
      body: { url: 'https://example.com/pricing' },
    });
    assert.equal(res.status, 202);
    await until(
      'published',
      async () => (await call(itemRoute.GET, 'GET', '/x', { params: { id } })).json.output.status === 'published',
    );
    const { json } = await call(itemRoute.GET, 'GET', '/x', { params: { id } });
    assert.equal(json.output.publishedUrl, 'https://example.com/pricing');
    assert.ok(json.output.publishedAt);
    const cmd = await call(commandRoute.GET, 'GET', '/x', { params: { id: res.json.commandId } });
    assert.equal(cmd.json.command.status, 'succeeded');
    assert.equal((await call(commandRoute.GET, 'GET', '/x', { params: { id: UNKNOWN } })).status, 404);

    const badUrl = await call(publishRoute.POST, 'POST', '/x', { params: { id }, body: { url: 'not a url' } });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.json.error.details.issues[0].field, 'url');
    assert.equal(
      (await call(publishRoute.POST, 'POST', '/x', { params: { id: UNKNOWN }, body: { url: 'https://x.y' } })).status,
      404,
    );
  });

  test("POST /api/gtm/outputs/:id/metrics records a published item's figures; others are 409, bad figures 400", async () => {
    const id = ids['Pricing changes explained']!; // published by the test above
    const first = await call(metricsRoute.POST, 'POST', '/x', {
      params: { id },
      body: { views: 1200, engagement: 40, clicks: 31 },
    });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const later = await call(metricsRoute.POST, 'POST', '/x', { params: { id }, body: { views: 1500 } });
    assert.deepEqual(later.json, { outputId: id, metrics: { views: 1500, engagement: 40, clicks: 31 } });
    assert.deepEqual((await call(itemRoute.GET, 'GET', '/x', { params: { id } })).json.output.metrics, {
      views: 1500,
      engagement: 40,
      clicks: 31,
    });

    const draft = await call(metricsRoute.POST, 'POST', '/x', {
      params: { id: ids['Our roadmap']! },
      body: { views: 1 },
    });
    assert.equal(draft.status, 409);
    assert.match(draft.json.error.message, /not published/);
    for (const [body, field] of [
      [{}, 'body'],
      [{ views: -1 }, 'views'],
      [{ clicks: 1.5 }, 'clicks'],
      [{ views: 1, likes: 3 }, 'body'],
    ] as const) {
      const res = await call(metricsRoute.POST, 'POST', '/x', { params: { id }, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.details.issues[0].field, field, JSON.stringify(res.json));
    }
    assert.equal(
      (await call(metricsRoute.POST, 'POST', '/x', { params: { id: UNKNOWN }, body: { views: 1 } })).status,
      404,
    );
  });
});
