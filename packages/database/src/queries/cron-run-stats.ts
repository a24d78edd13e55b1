import type { Queryable } from '../db';
import { bucketedSumsSql, coverRange, spanArgs, spansFrom } from './rollup-spans';
import type { StatsRange } from './stats-range';

export interface JobRunStats {
  job_id: string;
  name: string;
  runs: number;
  succeeded: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

// percentile_cont over counted durations, as Postgres computes it: the values at ranks floor and ceil of
// p * (n - 1), interpolated
const percentile = (p: number) =>
  `lo${p * 100} + (hi${p * 100} - lo${p * 100}) * (${p}::float8 * (n - 1) - floor(${p}::float8 * (n - 1)))`;
const ranks = (p: number) =>
  `min(duration_ms) filter (where upto > floor(${p}::float8 * (n - 1)))::float8 as lo${p * 100},
   min(duration_ms) filter (where upto > ceil(${p}::float8 * (n - 1)))::float8 as hi${p * 100}`;

/**
 * Finished runs per job in the range: how many, how many succeeded, and the median and 95th percentile
 * duration. Whole UTC months and days are read from cron_run_rollups, the rest from the runs. Counts are exact;
 * the percentiles are those of durations kept to three significant figures (within 0.5% of the exact ones).
 */
export async function runStatsByJob(db: Queryable, range: StatsRange): Promise<JobRunStats[]> {
  return db.query<JobRunStats>(
    `with spans as (select * from ${spansFrom(1)}),
     counted as (
       select r.job_id, r.duration_ms, r.runs, r.succeeded
         from spans s join cron_run_rollups r on r.grain = s.grain and r.bucket >= s.lo and r.bucket < s.hi
       union all
       select r.job_id, duration_3_figures(r.duration_ms), 1, (r.status = 'completed')::int
         from spans s join cron_runs r on s.grain = 'raw' and r.started_at >= s.lo and r.started_at < s.hi
        where r.status <> 'running' and r.job_id is not null
     ),
     durations as (select job_id, duration_ms, sum(runs) as runs, sum(succeeded) as succeeded from counted group by 1, 2),
     ranked as (
       select *, sum(runs) over (partition by job_id order by duration_ms) as upto,
              sum(runs) filter (where duration_ms is not null) over (partition by job_id) as n
         from durations
     ),
     stats as (
       select job_id, sum(runs)::int as runs, sum(succeeded)::int as succeeded, n, ${ranks(0.5)}, ${ranks(0.95)}
         from ranked group by job_id, n having sum(runs) > 0
     )
     select j.id as job_id, j.name, s.runs, s.succeeded, ${percentile(0.5)} as p50_ms, ${percentile(0.95)} as p95_ms
       from stats s join cron_jobs j on j.id = s.job_id
      order by j.name`,
    spanArgs(coverRange(range.from, range.to, ['month', 'day'])),
  );
}

const successSql = bucketedSumsSql({
  hourTable: 'cron_run_hours',
  rawTable: 'cron_runs',
  at: 'started_at',
  rawWhere: `r.status <> 'running'`,
  columns: [{ name: 'runs', raw: '1', type: 'int' }, { name: 'succeeded', raw: `(r.status = 'completed')::int`, type: 'int' }],
});

/** Finished runs and successes of all jobs per bucket (the overall success rate over time), from the hourly rollup. */
export async function runSuccessOverTime(db: Queryable, range: StatsRange): Promise<{ bucket: Date; runs: number; succeeded: number }[]> {
  return db.query(successSql, [range.bucket, range.timeZone, ...spanArgs(coverRange(range.from, range.to, ['hour']))]);
}
