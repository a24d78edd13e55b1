// Bad input across the API is refused with a 400 (or 404) that names the field, never a 500 from the
// database: texts holding a NUL, dates out of range or not ISO, numbers past a column's range, URLs people
// cannot open, schedules that run every second or never, lists of 100,000 items.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { upsertGtmOutputFromFile } from '@agent-studio/database';
import * as budgetsRoute from '@/app/api/budgets/route';
import * as jobRoute from '@/app/api/cron/jobs/[id]/route';
import * as jobsRoute from '@/app/api/cron/jobs/route';
import * as gtmRoute from '@/app/api/gtm/outputs/[id]/route';
import * as gtmListRoute from '@/app/api/gtm/outputs/route';
import * as publishRoute from '@/app/api/gtm/outputs/[id]/publish/route';
import * as revisionRoute from '@/app/api/gtm/outputs/[id]/revisions/[revision]/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as webhooksRoute from '@/app/api/webhooks/route';
import { call, mirroredJob, useStudio } from './fixture';

describeEachDriver('API: bad input', (get) => {
  const studio = useStudio(get);
  let jobId: string;
  let outputId: string;

  before(async () => {
    const { db, gtmDir } = studio();
    jobId = (await mirroredJob(studio(), 'Bad input')).row.id;
    const { row } = await db.transaction((tx) =>
      upsertGtmOutputFromFile(tx, {
        sourceFilePath: `${gtmDir}/blog/bad-input.md`,
        fileHash: 'h',
        title: 'Bad input',
        contentType: 'blog_post',
        tags: [],
        priority: 0,
        contentMd: '# hi',
        contentHtml: '<h1>hi</h1>',
      }),
    );
    outputId = row.id;
  });

  const refused = (res: { status: number; json: any }, field: string, message: RegExp) => {
    assert.equal(res.status, 400, JSON.stringify(res.json));
    assert.equal(res.json.error.details.issues[0].field, field, JSON.stringify(res.json));
    assert.match(res.json.error.details.issues[0].message, message);
  };

  test('a NUL character in a query or a body is refused by field name', async () => {
    refused(await call(gtmListRoute.GET, 'GET', '/api/gtm/outputs?search=a%00b'), 'search', /NUL/);
    refused(await call(jobsRoute.GET, 'GET', '/api/cron/jobs?category=x%00'), 'category', /NUL/);
    refused(
      await call(gtmRoute.PATCH, 'PATCH', '/x', {
        params: { id: outputId },
        body: { content_md: 'a\u0000b', baseRevision: 1 },
      }),
      'content_md',
      /NUL/,
    );
    refused(
      await call(webhooksRoute.POST, 'POST', '/x', {
        body: { name: 'n', url: 'https://example.com/h', eventTypes: ['job.failed'], extra: { 'k\u0000': 1 } },
      }),
      'extra.k\u0000',
      /NUL/,
    );
  });

  test('dates must be ISO 8601 and within years 1970–9999', async () => {
    refused(await call(metricsRoute.GET, 'GET', '/api/metrics?from=1&to=2'), 'from', /ISO 8601/);
    refused(await call(metricsRoute.GET, 'GET', '/api/metrics?from=99999&to=100000&bucket=1d'), 'from', /ISO 8601/);
    refused(
      await call(metricsRoute.GET, 'GET', '/api/metrics?from=0001-01-01T00:00:00Z&to=2026-01-01'),
      'from',
      /1970 and 9999/,
    );
    assert.equal(
      (await call(metricsRoute.GET, 'GET', '/api/metrics?from=2026-11-01&to=2026-11-02T00:00:00%2B01:00&bucket=1h'))
        .status,
      200,
    );
    refused(
      await call(gtmRoute.PATCH, 'PATCH', '/x', {
        params: { id: outputId },
        body: { scheduledFor: '99999', scheduledUrl: 'https://example.com/a' },
      }),
      'scheduledFor',
      /ISO 8601/,
    );
  });

  test('only http(s) URLs are taken for content', async () => {
    refused(
      await call(publishRoute.POST, 'POST', '/x', {
        params: { id: outputId },
        body: { url: 'javascript:alert(document.cookie)' },
      }),
      'url',
      /http:\/\/ or https:\/\//,
    );
    refused(
      await call(gtmRoute.PATCH, 'PATCH', '/x', {
        params: { id: outputId },
        body: { scheduledFor: '2030-01-01T00:00:00Z', scheduledUrl: 'ftp://example.com/a' },
      }),
      'scheduledUrl',
      /http:\/\/ or https:\/\//,
    );
  });

  test('a revision number past the column’s range is not found, by name', async () => {
    const res = await call(revisionRoute.GET, 'GET', '/x', { params: { id: outputId, revision: '2147483648' } });
    assert.equal(res.status, 404);
    assert.match(res.json.error.message, /the revision is not valid/);
  });

  test('schedules run at most once a minute and at least once a year; a long expression is refused without being echoed', async () => {
    refused(
      await call(jobRoute.PATCH, 'PATCH', '/x', {
        params: { id: jobId },
        body: { schedule: { kind: 'every', everyMs: Number.MAX_SAFE_INTEGER } },
      }),
      'schedule',
      /at least once a year/,
    );
    refused(
      await call(jobRoute.PATCH, 'PATCH', '/x', {
        params: { id: jobId },
        body: { schedule: { kind: 'cron', expr: '* * * * * * *' } },
      }),
      'schedule',
      /at most once a minute/,
    );
    const long = await call(jobRoute.PATCH, 'PATCH', '/x', {
      params: { id: jobId },
      body: { schedule: { kind: 'cron', expr: `0 ${'1,'.repeat(500_000)}1 * * *` } },
    });
    refused(long, 'schedule.expr', /200/);
    assert.ok(JSON.stringify(long.json).length < 1000, 'the answer does not repeat the expression');
  });

  test('a list of 100,000 bad items is answered with a few issues, not 100,000', async () => {
    const res = await call(webhooksRoute.POST, 'POST', '/x', {
      body: { name: 'n', url: 'https://example.com/h', eventTypes: Array.from({ length: 100_000 }, () => 'nope') },
    });
    assert.equal(res.status, 400);
    assert.ok(res.json.error.details.issues.length <= 10);
    assert.ok(JSON.stringify(res.json).length < 5000);
  });

  test('a job budget is one budget however the job id is spelled', async () => {
    const upper = await call(budgetsRoute.POST, 'POST', '/x', {
      body: { scope: 'job', target: jobId.toUpperCase(), maxTokens: 1000 },
    });
    assert.equal(upper.status, 200, JSON.stringify(upper.json));
    const lower = await call(budgetsRoute.POST, 'POST', '/x', {
      body: { scope: 'job', target: jobId, maxTokens: 2000 },
    });
    assert.equal(lower.json.budget.id, upper.json.budget.id);
    const listed = (await call(budgetsRoute.GET, 'GET', '/api/budgets?scope=job')).json.budgets.filter(
      (b: { target: string }) => b.target.toLowerCase() === jobId,
    );
    assert.deepEqual(
      listed.map((b: { maxTokens: number }) => b.maxTokens),
      [2000],
    );
  });
});
