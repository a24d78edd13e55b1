import type { Queryable } from '../db';
import { rangeArgs, type StatsRange } from './stats-range';

export interface JobRunStats {
  job_id: string;
  name: string;
  runs: number;
  succeeded: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

/** Finished runs per job in the range: how many, how many succeeded, and the median and 95th percentile duration. */
export async function runStatsByJob(db: Queryable, range: StatsRange): Promise<JobRunStats[]> {
  return db.query<JobRunStats>(
    `select j.id as job_id, j.name, s.runs, s.succeeded, s.p50_ms, s.p95_ms
       from (select job_id, count(*)::int as runs, count(*) filter (where status = 'completed')::int as succeeded,
                    percentile_cont(0.5) within group (order by duration_ms)::float8 as p50_ms,
                    percentile_cont(0.95) within group (order by duration_ms)::float8 as p95_ms
               from cron_runs where started_at >= $1 and started_at < $2 and status <> 'running' group by job_id) s
       join cron_jobs j on j.id = s.job_id
      order by j.name`,
    rangeArgs(range).slice(0, 2),
  );
}

/** Finished runs and successes of all jobs per bucket (the overall success rate over time). */
export async function runSuccessOverTime(db: Queryable, range: StatsRange): Promise<{ bucket: Date; runs: number; succeeded: number }[]> {
  return db.query(
    `select date_trunc($3, started_at, $4) as bucket, count(*)::int as runs, count(*) filter (where status = 'completed')::int as succeeded
       from cron_runs where started_at >= $1 and started_at < $2 and status <> 'running'
      group by 1 order by 1`,
    rangeArgs(range),
  );
}
