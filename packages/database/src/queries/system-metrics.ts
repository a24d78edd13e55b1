import type { Queryable } from '../db';
import { concludedRun } from './cron-runs';

export interface MetricSample {
  type: string;
  name: string;
  value: number;
  unit?: string;
  metadata?: Record<string, unknown>;
  at?: Date;
  /** The gateway it measures (issue 18, the fleet); left out: the studio's own sample (every gateway's figure, or the studio host's). */
  gatewayId?: string;
}

export async function insertMetrics(db: Queryable, samples: readonly MetricSample[]): Promise<void> {
  if (!samples.length) return;
  await db.query(
    `insert into system_metrics (metric_type, metric_name, value, unit, metadata, timestamp, gateway_id)
     select * from unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::jsonb[], $6::timestamptz[], $7::uuid[])`,
    [
      samples.map((s) => s.type),
      samples.map((s) => s.name),
      samples.map((s) => s.value),
      samples.map((s) => s.unit ?? null),
      samples.map((s) => JSON.stringify(s.metadata ?? {})),
      samples.map((s) => s.at ?? new Date()),
      samples.map((s) => s.gatewayId ?? null),
    ],
  );
}

/** The studio's newest samples of `names` (not a gateway's). */
export async function latestMetrics(
  db: Queryable,
  names: readonly string[],
): Promise<Record<string, { value: number; unit: string | null; at: Date }>> {
  // one index probe per name: a year of samples is millions of rows
  const rows = await db.query<{ metric_name: string; value: number; unit: string | null; timestamp: Date }>(
    `select n.name as metric_name, m.value, m.unit, m.timestamp from unnest($1::text[]) n(name)
       cross join lateral (select value, unit, timestamp from system_metrics where metric_name = n.name and gateway_id is null
                           order by timestamp desc limit 1) m`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.metric_name, { value: r.value, unit: r.unit, at: r.timestamp }]));
}

/**
 * Samples of the gateway $n, or the studio's own when it is null: one predicate or the other, so the index on
 * (metric_name, gateway_id, timestamp) reads the range alone either way.
 */
const sampledBy = (n: number, gatewayId: string | null | undefined) =>
  gatewayId ? `gateway_id = $${n}` : `gateway_id is null and $${n}::uuid is null`;

/**
 * A metric bucketed over [from, to): the samples of `gatewayId`, or the studio's own when it is null or left
 * out. Buckets of whole days or hours are read from the rollups (a year is 365 or 8,760 rows per metric);
 * finer ones from the raw minute samples.
 */
export async function metricSeries(
  db: Queryable,
  params: { name: string; from: Date; to: Date; bucketSeconds: number; gatewayId?: string | null },
): Promise<{ bucket: Date; avg: number; min: number; max: number; count: number }[]> {
  const rollup = params.bucketSeconds % 86_400 === 0 ? 'day' : params.bucketSeconds % 3_600 === 0 ? 'hour' : null;
  const args = [params.name, params.from, params.to, params.bucketSeconds, params.gatewayId ?? null];
  if (rollup) {
    return db.query(
      `select to_timestamp(floor(extract(epoch from bucket) / $4) * $4) as bucket,
              (sum(sum) / sum(count))::float8 as avg, min(min)::float8 as min, max(max)::float8 as max, sum(count)::int as count
         from system_metric_rollups where metric_name = $1 and granularity = $6 and bucket >= date_trunc($6, $2::timestamptz, 'UTC') and bucket < $3
          and ${sampledBy(5, params.gatewayId)}
        group by 1 order by 1`,
      [...args, rollup],
    );
  }
  return db.query(
    `select to_timestamp(floor(extract(epoch from timestamp) / $4) * $4) as bucket,
            avg(value)::float8 as avg, min(value)::float8 as min, max(value)::float8 as max, count(*)::int as count
       from system_metrics where metric_name = $1 and timestamp >= $2 and timestamp < $3 and ${sampledBy(5, params.gatewayId)}
      group by 1 order by 1`,
    args,
  );
}

export interface MetricName {
  name: string;
  unit: string | null;
  /** Whose samples chart it: the gateway asked for, or null, the studio's (its own, or one sampled only for the studio, as its disks). */
  gateway_id: string | null;
}

/**
 * The metrics sampled, each with whose samples to read: for `gatewayId`, that gateway's where the metric is
 * sampled per gateway, else the studio's; without one, the studio's.
 */
export async function listMetricNames(db: Queryable, gatewayId?: string): Promise<MetricName[]> {
  return db.query(
    `select n.metric_name as name, case when n.per_gateway then $1::uuid end as gateway_id,
            (select unit from system_metrics m where m.metric_name = n.metric_name order by timestamp desc limit 1) as unit
       from (select metric_name, bool_or(gateway_id is not null) as per_gateway from system_metric_rollups
              where granularity = 'day' group by 1) n order by 1`,
    [gatewayId ?? null],
  );
}

export interface GatewayVitals {
  gateway_id: string;
  connected: boolean;
  active_sessions: number;
  tokens_last_hour: number;
  cost_last_hour: number;
  runs_24h: number;
  succeeded_24h: number;
}

/**
 * Each gateway's figures the sampler records per gateway, as of `now`: connected (as its bridge last saw it),
 * running sessions, tokens and cost of the sessions active in the last hour, and the runs of the last day that
 * ran to an end and how many succeeded (as the studio's own samples count them).
 */
export async function gatewayVitals(db: Queryable, now: Date): Promise<GatewayVitals[]> {
  return db.query(
    `select g.id as gateway_id, g.state = 'connected' as connected,
            (select count(*)::int from agent_sessions s where s.gateway_id = g.id and s.status = 'running') as active_sessions,
            coalesce(u.tokens, 0)::float8 as tokens_last_hour, coalesce(u.cost, 0)::float8 as cost_last_hour,
            coalesce(r.runs, 0)::int as runs_24h, coalesce(r.succeeded, 0)::int as succeeded_24h
       from gateways g
       left join lateral (select sum((token_usage->>'total')::bigint) as tokens, sum(cost_usd) as cost from agent_sessions s
                           where s.gateway_id = g.id and s.last_activity_at >= $1::timestamptz - interval '1 hour') u on true
       left join lateral (select count(*) as runs, count(*) filter (where status = 'completed') as succeeded from cron_runs r
                           where r.gateway_id = g.id and r.started_at >= $1::timestamptz - interval '1 day'
                             and ${concludedRun('r.status')}) r on true
      order by g.name`,
    [now],
  );
}
