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
      samples.map((s) => s.type), samples.map((s) => s.name), samples.map((s) => s.value), samples.map((s) => s.unit ?? null),
      samples.map((s) => JSON.stringify(s.metadata ?? {})), samples.map((s) => s.at ?? new Date()),
    ],
  );
}

export async function latestMetrics(db: Queryable, names: readonly string[]): Promise<Record<string, { value: number; unit: string | null; at: Date }>> {
  const rows = await db.query<{ metric_name: string; value: number; unit: string | null; timestamp: Date }>(
    `select distinct on (metric_name) metric_name, value, unit, timestamp from system_metrics
      where metric_name = any($1::text[]) order by metric_name, timestamp desc`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.metric_name, { value: r.value, unit: r.unit, at: r.timestamp }]));
}

export async function metricSeries(
  db: Queryable,
  params: { name: string; from: Date; to: Date; bucketSeconds: number },
): Promise<{ bucket: Date; avg: number; min: number; max: number; count: number }[]> {
  return db.query(
    `select to_timestamp(floor(extract(epoch from timestamp) / $4) * $4) as bucket,
            avg(value)::float8 as avg, min(value)::float8 as min, max(value)::float8 as max, count(*)::int as count
       from system_metrics where metric_name = $1 and timestamp >= $2 and timestamp < $3
      group by 1 order by 1`,
    [params.name, params.from, params.to, params.bucketSeconds],
  );
}

export async function listMetricNames(db: Queryable): Promise<{ name: string; unit: string | null }[]> {
  return db.query(`select distinct on (metric_name) metric_name as name, unit from system_metrics order by metric_name, timestamp desc`);
}
