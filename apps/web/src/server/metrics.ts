import 'server-only';
import type { ResolvedRange } from '@agent-studio/core/metrics/range';
import {
  contentCreated,
  contentPerformance,
  listMetricNames,
  metricSeries,
  queueAge,
  runStatsByJob,
  runSuccessOverTime,
  usageBreakdown,
  type PerformanceRow,
  type StatsRange,
} from '@agent-studio/database';
import { formatDate, type DateFormat } from '@/lib/dates';
import { getDb } from './db';

type Row = Record<string, string | number | null>;

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
const perf = (rows: PerformanceRow[]) =>
  rows.map((r) => ({ key: r.key, items: r.items, views: r.views, engagement: r.engagement, clicks: r.clicks }));

/**
 * Every figure of the metrics page for one range, shaped as chart rows (plain data for client components);
 * days and hours are the viewer's (`fmt`). With `gatewayId`, that gateway's figures (issue 18, the fleet).
 */
export async function loadMetrics(r: ResolvedRange, fmt: DateFormat, gatewayId?: string) {
  const db = await getDb();
  const bucketLabel = (d: Date, bucket: 'hour' | 'day' | 'sample') =>
    formatDate(d, bucket === 'day' ? 'day' : 'dayhour', fmt);
  const range: StatsRange = { from: r.from, to: r.to, bucket: r.bucket, timeZone: fmt.timeZone, gatewayId };
  const [jobs, overTime, usage, created, age, performance, names] = await Promise.all([
    runStatsByJob(db, range),
    runSuccessOverTime(db, range),
    usageBreakdown(db, range),
    contentCreated(db, range),
    queueAge(db, range),
    contentPerformance(db, range),
    listMetricNames(db, gatewayId),
  ]);
  const samples = await Promise.all(
    names.map(async (n) => ({
      name: n.name,
      unit: n.unit,
      /** The studio's samples on a gateway's page: a metric sampled only for the studio (its disks). */
      studios: Boolean(gatewayId) && !n.gateway_id,
      rows: (
        await metricSeries(db, {
          name: n.name,
          from: r.from,
          to: r.to,
          bucketSeconds: r.sampleSeconds,
          gatewayId: n.gateway_id,
        })
      ).map((p) => ({ t: bucketLabel(p.bucket, 'sample'), avg: p.avg, max: p.max })),
    })),
  );

  const types = [...new Set(created.map((c) => c.content_type))].sort();
  const velocity = new Map<string, Row>();
  const byStatus = new Map<string, Row>();
  for (const c of created) {
    const t = bucketLabel(c.bucket, r.bucket);
    const row = velocity.get(t) ?? velocity.set(t, { t }).get(t)!;
    row[c.content_type] = Number(row[c.content_type] ?? 0) + c.items;
    const s = byStatus.get(c.status) ?? byStatus.set(c.status, { status: c.status.replace('_', ' ') }).get(c.status)!;
    s[c.content_type] = Number(s[c.content_type] ?? 0) + c.items;
  }

  const runs = jobs.reduce((n, j) => n + j.runs, 0);
  const succeeded = jobs.reduce((n, j) => n + j.succeeded, 0);
  return {
    overall: { runs, successRate: pct(succeeded, runs) },
    successOverTime: overTime.map((b) => ({
      t: bucketLabel(b.bucket, r.bucket),
      rate: pct(b.succeeded, b.runs),
      runs: b.runs,
    })),
    jobs: jobs.map((j) => ({
      job: j.name,
      runs: j.runs,
      rate: pct(j.succeeded, j.runs),
      p50: j.p50_ms,
      p95: j.p95_ms,
    })),
    usageOverTime: usage.overTime.map((u) => ({
      t: bucketLabel(u.bucket, r.bucket),
      tokens: u.tokens,
      cost: u.cost_usd,
    })),
    usageByAgent: usage.byAgent.map((u) => ({ key: u.key, tokens: u.tokens, cost: u.cost_usd })),
    usageByModel: usage.byModel.map((u) => ({ key: u.key, tokens: u.tokens, cost: u.cost_usd })),
    contentTypes: types,
    velocity: [...velocity.values()],
    contentByStatus: [...byStatus.values()],
    queueAge: age.map((a) => ({ type: a.content_type, items: a.items, median: a.median_hours, avg: a.avg_hours })),
    performance: { byType: perf(performance.byType), byTag: perf(performance.byTag), byHour: perf(performance.byHour) },
    samples,
  };
}
