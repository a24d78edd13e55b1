// The metrics page's queries: rollups that agree with the raw samples, run, usage and content statistics
// over a range, and performance figures on published content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import {
  contentCreated,
  contentPerformance,
  insertMetrics,
  listMetricNames,
  metricSeries,
  queueAge,
  runStatsByJob,
  runSuccessOverTime,
  setContentMetrics,
  usageBreakdown,
  type StatsRange,
} from '../src/index';
import { eventMark, types } from './helpers';

const day = (d: string) => new Date(`2026-03-${d}T00:00:00Z`);
const range = (bucket: 'hour' | 'day'): StatsRange => ({ from: day('01'), to: day('04'), bucket, timeZone: 'UTC' });

describeEachDriver('metrics statistics', (get) => {
  test('hour and day series from the rollups equal the same series computed from the raw samples, across several inserts', async () => {
    const { db } = get();
    const t0 = day('01').getTime();
    // three inserts (one per "sampler tick" batch), values that vary so avg/min/max all matter
    for (let part = 0; part < 3; part++) {
      await insertMetrics(
        db,
        Array.from({ length: 1000 }, (_, i) => {
          const n = part * 1000 + i;
          return { type: 'test', name: 'roll.metric', value: (n * 37) % 101, at: new Date(t0 + n * 60_000) };
        }),
      );
    }
    for (const bucketSeconds of [3600, 86_400, 6 * 3600]) {
      const rolled = await metricSeries(db, { name: 'roll.metric', from: day('01'), to: day('04'), bucketSeconds });
      const raw = await db.query<{ bucket: Date; avg: number; min: number; max: number; count: number }>(
        `select to_timestamp(floor(extract(epoch from timestamp) / $1) * $1) as bucket, avg(value)::float8 as avg, min(value)::float8 as min, max(value)::float8 as max, count(*)::int as count
           from system_metrics where metric_name = 'roll.metric' group by 1 order by 1`,
        [bucketSeconds],
      );
      assert.equal(rolled.length, raw.length, `${bucketSeconds}s buckets`);
      rolled.forEach((r, i) => {
        const w = raw[i]!;
        assert.equal(r.bucket.getTime(), w.bucket.getTime());
        assert.equal(r.count, w.count);
        assert.ok(Math.abs(r.avg - w.avg) < 1e-9, `avg of ${r.bucket.toISOString()}`);
        assert.deepEqual([r.min, r.max], [w.min, w.max]);
      });
    }
    assert.ok((await listMetricNames(db)).some((n) => n.name === 'roll.metric'));
  });

  test('runs per job: counts, success and duration percentiles; the overall rate per bucket', async () => {
    const { db } = get();
    const [job] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id) values ('Stats job', '0 * * * *', 'x', 'stats') returning id`,
    );
    // 20 runs on 2 March: durations 1..20 s, every 4th failed; one running and one outside the range
    for (let i = 1; i <= 20; i++) {
      await db.query(`insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, $2, $3, $4)`, [
        job!.id,
        new Date(day('02').getTime() + (i * 3_600_000) / 2),
        i % 4 === 0 ? 'failed' : 'completed',
        i * 1000,
      ]);
    }
    await db.query(`insert into cron_runs (job_id, started_at, status) values ($1, $2, 'running')`, [
      job!.id,
      day('03'),
    ]);
    await db.query(
      `insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, $2, 'failed', 999999)`,
      [job!.id, day('05')],
    );
    const [stats] = (await runStatsByJob(db, range('day'))).filter((s) => s.job_id === job!.id);
    assert.deepEqual({ runs: stats!.runs, succeeded: stats!.succeeded }, { runs: 20, succeeded: 15 });
    assert.equal(stats!.p50_ms, 10_500);
    assert.equal(stats!.p95_ms, 19_050);
    const overTime = await runSuccessOverTime(db, range('day'));
    assert.deepEqual(
      overTime.map((b) => [b.bucket.toISOString(), b.runs, b.succeeded]),
      [['2026-03-02T00:00:00.000Z', 20, 15]],
    );
    // a day in Chicago starts at 06:00 UTC: the runs before it belong to 1 March there
    const chicago = await runSuccessOverTime(db, { ...range('day'), timeZone: 'America/Chicago' });
    assert.deepEqual(
      chicago.map((b) => b.runs),
      [11, 9],
    );
  });

  test('token usage and cost per agent, per model and per bucket', async () => {
    const { db } = get();
    const sessions = [
      ['writer', 'gpt-5', 1000, 0.5, '02'],
      ['writer', 'gpt-5', 3000, 1.5, '03'],
      ['researcher', 'claude-4', 500, 0.25, '03'],
      ['researcher', null, 100, 0.05, '09'],
    ] as const;
    for (const [name, model, tokens, cost, d] of sessions) {
      await db.query(
        `insert into agent_sessions (agent_name, agent_type, model, token_usage, cost_usd, started_at) values ($1, 'agent', $2, $3, $4, $5)`,
        [name, model, JSON.stringify({ total: tokens }), cost, new Date(day(d).getTime() + 3_600_000)],
      );
    }
    const u = await usageBreakdown(db, range('day'));
    assert.deepEqual(
      u.byAgent.map((r) => [r.key, r.tokens, r.cost_usd, r.sessions]),
      [
        ['writer', 4000, 2, 2],
        ['researcher', 500, 0.25, 1],
      ],
    );
    assert.deepEqual(
      u.byModel.map((r) => [r.key, r.tokens]),
      [
        ['gpt-5', 4000],
        ['claude-4', 500],
      ],
    );
    assert.deepEqual(
      u.overTime.map((r) => [r.bucket.toISOString().slice(0, 10), r.tokens]),
      [
        ['2026-03-02', 1000],
        ['2026-03-03', 3500],
      ],
    );
  });

  test('content velocity, time to publish and performance by type, tag and hour; figures only on published items, with an event', async () => {
    const { db } = get();
    const item = async (
      title: string,
      type: string,
      status: string,
      created: string,
      published: string | null,
      tags: string[],
    ) => {
      const [row] = await db.query<{ id: string }>(
        `insert into gtm_outputs (title, content_type, status, created_at, published_at, tags) values ($1, $2, $3, $4, $5, $6) returning id`,
        [title, type, status, new Date(created), published ? new Date(published) : null, tags],
      );
      return row!.id;
    };
    const a = await item('A', 'blog', 'published', '2026-03-01T08:00:00Z', '2026-03-01T14:00:00Z', ['seo', 'launch']);
    const b = await item('B', 'blog', 'published', '2026-03-02T08:00:00Z', '2026-03-02T10:00:00Z', ['seo']);
    const c = await item('C', 'social', 'published', '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z', ['launch']);
    const draft = await item('D', 'social', 'draft', '2026-03-03T09:00:00Z', null, []);

    const created = await contentCreated(db, range('day'));
    assert.equal(
      created.reduce((n, r) => n + r.items, 0),
      4,
    );
    assert.deepEqual(
      created.filter((r) => r.status === 'draft').map((r) => r.content_type),
      ['social'],
    );
    const age = await queueAge(db, range('day'));
    assert.deepEqual(
      age.map((r) => [r.content_type, r.items, r.median_hours]),
      [
        ['blog', 2, 4],
        ['social', 1, 24],
      ],
    );

    const mark = await eventMark(db);
    assert.ok(await db.transaction((tx) => setContentMetrics(tx, a, { views: 100, engagement: 10, clicks: 4 })));
    await db.transaction((tx) => setContentMetrics(tx, b, { views: 300, clicks: 8 }));
    await db.transaction((tx) => setContentMetrics(tx, b, { engagement: 6 })); // a later figure keeps the others
    await db.transaction((tx) => setContentMetrics(tx, c, { views: 50, engagement: 5, clicks: 1 }));
    assert.equal(
      await db.transaction((tx) => setContentMetrics(tx, draft, { views: 1 })),
      null,
      'a draft has no audience yet',
    );
    assert.deepEqual(types(await mark.since()), [
      'gtm.output.updated',
      'gtm.output.updated',
      'gtm.output.updated',
      'gtm.output.updated',
    ]);

    const p = await contentPerformance(db, range('day'));
    assert.deepEqual(
      p.byType.map((r) => [r.key, r.items, r.views, r.engagement, r.clicks]),
      [
        ['blog', 2, 200, 8, 6],
        ['social', 1, 50, 5, 1],
      ],
    );
    assert.deepEqual(
      p.byTag.map((r) => [r.key, r.items, r.views]),
      [
        ['seo', 2, 200],
        ['launch', 2, 75],
      ],
    );
    assert.deepEqual(
      p.byHour.map((r) => [r.key, r.views]),
      [
        ['09:00', 50],
        ['10:00', 300],
        ['14:00', 100],
      ],
    );
  });
});
