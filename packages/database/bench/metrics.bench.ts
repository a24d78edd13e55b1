// The metrics page's queries over ONE YEAR of data, on both drivers (target: each under 100 ms): minute-level
// samples of several metrics (loaded through the rollup trigger, as the sampler writes them), a year of runs
// of six jobs with one session each, and a year of content with performance figures.
import { performance } from 'node:perf_hooks';
import { resolveRange } from '@agent-studio/core/metrics/range';
// the queries under test, named by the package they come from
import * as database from '../src/index';
import type { Db, StatsRange } from '../src/index';
import { onEachDriver } from '../test/kit/testing';

const METRICS = ['gateway.up', 'agents.active', 'tokens.last_hour', 'cost.last_hour', 'cron.success_rate_24h'];
const MINUTES = 365 * 24 * 60;
const JOBS = [
  ['every 15 min', 15],
  ['every 30 min', 30],
  ['hourly', 60],
  ['daily A', 1440],
  ['daily B', 1440],
  ['daily C', 1440],
] as const;

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function load(db: Db, now: Date) {
  const start = new Date(now.getTime() - MINUTES * 60_000);
  // a month per statement: the trigger's transition table stays small
  for (const name of METRICS) {
    for (let m = 0; m < 12; m++) {
      await db.query(
        `insert into system_metrics (metric_type, metric_name, value, timestamp)
         select 'bench', $1, (g % 97) + random(), $2::timestamptz + make_interval(mins => g) from generate_series($3::int, $4::int - 1) g`,
        [name, start, Math.floor((MINUTES * m) / 12), Math.floor((MINUTES * (m + 1)) / 12)],
      );
    }
  }
  for (const [name, every] of JOBS) {
    const [job] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id, source) values ($1, '* * * * *', 'x', $1, 'bench') returning id`,
      [name],
    );
    await db.query(
      `insert into cron_runs (job_id, external_id, started_at, finished_at, status, duration_ms, token_usage, cost_usd)
       select $1, g::text, $2::timestamptz + make_interval(mins => g * $3), $2::timestamptz + make_interval(mins => g * $3, secs => 30 + g % 200),
              case when g % 11 = 0 then 'failed' else 'completed' end, (30 + g % 200) * 1000, jsonb_build_object('total', 1000 + g % 5000), (1000 + g % 5000) * 0.000002
         from generate_series(0, $4::int - 1) g`,
      [job!.id, start, every, Math.floor(MINUTES / every)],
    );
  }
  await db.query(
    `insert into agent_sessions (agent_name, agent_type, model, token_usage, cost_usd, started_at)
     select 'agent-' || (g % 5), 'agent', (array['gpt-5', 'claude-4', 'gemini-3'])[1 + g % 3], jsonb_build_object('total', 1000 + g % 5000), (1000 + g % 5000) * 0.000002,
            $1::timestamptz + make_interval(mins => g * 8)
       from generate_series(0, $2::int - 1) g`,
    [start, Math.floor(MINUTES / 8)],
  );
  await db.query(
    `insert into gtm_outputs (title, content_type, status, created_at, published_at, tags, metrics)
     select 'Item ' || g, (array['blog', 'social', 'newsletter'])[1 + g % 3], case when g % 2 = 0 then 'published' else 'draft' end,
            $1::timestamptz + make_interval(hours => g * 8), case when g % 2 = 0 then $1::timestamptz + make_interval(hours => g * 8 + 5 + g % 30) end,
            array['tag' || (g % 7), 'tag' || (g % 3)], jsonb_build_object('views', g % 500, 'engagement', g % 40, 'clicks', g % 25)
       from generate_series(0, $2::int - 1) g`,
    [start, 365 * 3],
  );
  await db.query('analyze');
}

async function bench(name: string, db: Db) {
  const now = new Date();
  const loadMs = await time(() => load(db, now));
  const [{ n }] = (await db.query<{ n: number }>('select count(*)::int as n from system_metrics')) as [{ n: number }];
  console.log(
    `${name}: loaded ${n.toLocaleString('en')} metric samples (${METRICS.length} metrics × a year of minutes), a year of runs, sessions and content in ${(loadMs / 1000).toFixed(1)} s`,
  );
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ranges = {
    '24h': resolveRange({ range: '24h' }, now),
    '7d': resolveRange({ range: '7d' }, now),
    '30d': resolveRange({ range: '30d' }, now),
    year: resolveRange(
      {
        range: 'custom',
        from: new Date(now.getTime() - 365 * 86_400_000).toISOString().slice(0, 10),
        to: now.toISOString().slice(0, 10),
      },
      now,
    ),
  };
  const queries: Record<string, (r: StatsRange & { sampleSeconds: number }) => Promise<unknown>> = {
    'system metric series': (r) =>
      Promise.all(
        METRICS.map((m) =>
          database.metricSeries(db, { name: m, from: r.from, to: r.to, bucketSeconds: r.sampleSeconds }),
        ),
      ),
    'metric names + latest': () =>
      database.listMetricNames(db).then((names) =>
        database.latestMetrics(
          db,
          names.map((x) => x.name),
        ),
      ),
    'runs by job (p50/p95)': (r) => database.runStatsByJob(db, r),
    'success over time': (r) => database.runSuccessOverTime(db, r),
    'usage by agent/model/time': (r) => database.usageBreakdown(db, r),
    'content velocity': (r) => database.contentCreated(db, r),
    'queue age': (r) => database.queueAge(db, r),
    'content performance': (r) => database.contentPerformance(db, r),
  };
  console.log(
    `  ${'query (median of 5, ms)'.padEnd(28)}${Object.keys(ranges)
      .map((k) => k.padStart(8))
      .join('')}`,
  );
  let worst = 0;
  for (const [label, q] of Object.entries(queries)) {
    const cells: string[] = [];
    for (const r of Object.values(ranges)) {
      const range = { ...r, timeZone };
      await q(range); // warm
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await time(() => q(range)));
      const median = times.sort((a, b) => a - b)[2]!;
      worst = Math.max(worst, median);
      cells.push(median.toFixed(1).padStart(8));
    }
    console.log(`  ${label.padEnd(28)}${cells.join('')}`);
  }
  console.log(`  slowest: ${worst.toFixed(1)} ms (target 100 ms)`);
}

await onEachDriver((name, t) => bench(name, t.db));
