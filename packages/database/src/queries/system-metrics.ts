import type { Queryable } from '../db';

export interface MetricSample {
  type: string;
  name: string;
  value: number;
  unit?: string;
  metadata?: Record<string, unknown>;
  at?: Date;
}

export async function insertMetrics(db: Queryable, samples: readonly MetricSample[]): Promise<void> {
  if (!samples.length) return;
  await db.query(
    `insert into system_metrics (metric_type, metric_name, value, unit, metadata, timestamp)
     select * from unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::jsonb[], $6::timestamptz[])`,
    [
      samples.map((s) => s.type),
      samples.map((s) => s.name),
      samples.map((s) => s.value),
      samples.map((s) => s.unit ?? null),
      samples.map((s) => JSON.stringify(s.metadata ?? {})),
      samples.map((s) => s.at ?? new Date()),
    ],
  );
}

export async function latestMetrics(
  db: Queryable,
  names: readonly string[],
): Promise<Record<string, { value: number; unit: string | null; at: Date }>> {
  // one index probe per name: a year of samples is millions of rows
  const rows = await db.query<{ metric_name: string; value: number; unit: string | null; timestamp: Date }>(
    `select n.name as metric_name, m.value, m.unit, m.timestamp from unnest($1::text[]) n(name)
       cross join lateral (select value, unit, timestamp from system_metrics where metric_name = n.name order by timestamp desc limit 1) m`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.metric_name, { value: r.value, unit: r.unit, at: r.timestamp }]));
}

/**
 * A metric bucketed over [from, to). Buckets of whole days or hours are read from the rollups (a year is 365
 * or 8,760 rows per metric); finer ones from the raw minute samples.
 */
export async function metricSeries(
  db: Queryable,
  params: { name: string; from: Date; to: Date; bucketSeconds: number },
): Promise<{ bucket: Date; avg: number; min: number; max: number; count: number }[]> {
  const rollup = params.bucketSeconds % 86_400 === 0 ? 'day' : params.bucketSeconds % 3_600 === 0 ? 'hour' : null;
  const args = [params.name, params.from, params.to, params.bucketSeconds];
  if (rollup) {
    return db.query(
      `select to_timestamp(floor(extract(epoch from bucket) / $4) * $4) as bucket,
              (sum(sum) / sum(count))::float8 as avg, min(min)::float8 as min, max(max)::float8 as max, sum(count)::int as count
         from system_metric_rollups where metric_name = $1 and granularity = $5 and bucket >= date_trunc($5, $2::timestamptz, 'UTC') and bucket < $3
        group by 1 order by 1`,
      [...args, rollup],
    );
  }
  return db.query(
    `select to_timestamp(floor(extract(epoch from timestamp) / $4) * $4) as bucket,
            avg(value)::float8 as avg, min(value)::float8 as min, max(value)::float8 as max, count(*)::int as count
       from system_metrics where metric_name = $1 and timestamp >= $2 and timestamp < $3
      group by 1 order by 1`,
    args,
  );
}

export async function listMetricNames(db: Queryable): Promise<{ name: string; unit: string | null }[]> {
  return db.query(
    `select n.metric_name as name, (select unit from system_metrics m where m.metric_name = n.metric_name order by timestamp desc limit 1) as unit
       from (select distinct metric_name from system_metric_rollups where granularity = 'day') n order by 1`,
  );
}
