import type { Queryable } from '../db';
import { concludedRun } from './cron-runs';
import { bucketBounds, bucketedSumsSql, inRing, ofGateway, rollupBounds } from './rollup-bounds';
import type { StatsRange } from './stats-range';

export interface JobRunStats {
  job_id: string;
  name: string;
  runs: number;
  succeeded: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

// percentile_cont over counted durations, computed as Postgres does: the values at ranks floor and ceil of
// p * (n - 1) among the n durations, interpolated
const ranks = (p: number, name: string) =>
  `min(duration_ms) filter (where upto > floor(${p}::float8 * (n - 1)))::float8 as ${name}_lo,
   min(duration_ms) filter (where upto > ceil(${p}::float8 * (n - 1)))::float8 as ${name}_hi`;
const percentile = (p: number, name: string) =>
  `${name}_lo + (${name}_hi - ${name}_lo) * (${p}::float8 * (n - 1) - floor(${p}::float8 * (n - 1)))`;

const statsSql = `
  with counted as (
    select job_id, duration_ms, runs, succeeded from cron_run_rollups
     where (grain = 'day' and ${inRing('bucket', 3, 5, 6, 4)} or grain = 'month' and bucket >= $5 and bucket < $6) and ${ofGateway(7)}
    union all
    select job_id, duration_3_figures(duration_ms), 1, (status = 'completed')::int from cron_runs
     where ${inRing('started_at', 1, 3, 4, 2)} and ${concludedRun()} and job_id is not null and ${ofGateway(7)}
  ),
  durations as (select job_id, duration_ms, sum(runs) as runs, sum(succeeded) as succeeded from counted group by 1, 2),
  ranked as (
    select *, sum(runs) over (partition by job_id order by duration_ms) as upto,
           sum(runs) filter (where duration_ms is not null) over (partition by job_id) as n
      from durations
  ),
  stats as (
    select job_id, sum(runs)::int as runs, sum(succeeded)::int as succeeded, n, ${ranks(0.5, 'p50')}, ${ranks(0.95, 'p95')}
      from ranked group by job_id, n having sum(runs) > 0
  )
  select j.id as job_id, j.name, s.runs, s.succeeded, ${percentile(0.5, 'p50')} as p50_ms, ${percentile(0.95, 'p95')} as p95_ms
    from stats s join cron_jobs j on j.id = s.job_id
   order by j.name`;

/**
 * Runs per job in the range that ran to an end (not running, not cancelled): how many, how many succeeded, and the median and 95th percentile
 * duration. Whole UTC months and days come from cron_run_rollups, the partial days at the ends from the runs.
 * Counts are exact; the percentiles are those of the durations kept to three significant figures (within 0.5%).
 * With `range.gatewayId`, that gateway's runs only.
 */
export async function runStatsByJob(db: Queryable, range: StatsRange): Promise<JobRunStats[]> {
  return db.query<JobRunStats>(statsSql, [
    ...rollupBounds(range.from, range.to, ['day', 'month']),
    range.gatewayId ?? null,
  ]);
}

const successSql = bucketedSumsSql({
  totals: 'cron_run_totals',
  rawTable: 'cron_runs',
  at: 'started_at',
  rawWhere: concludedRun('r.status'),
  columns: [
    { name: 'runs', raw: '1', type: 'int' },
    { name: 'succeeded', raw: `(r.status = 'completed')::int`, type: 'int' },
  ],
});

/** Runs that ran to an end and successes of all jobs per bucket (the overall success rate over time), from the run totals. */
export async function runSuccessOverTime(
  db: Queryable,
  range: StatsRange,
): Promise<{ bucket: Date; runs: number; succeeded: number }[]> {
  return db.query(successSql, [range.bucket, range.timeZone, ...bucketBounds(range)]);
}
