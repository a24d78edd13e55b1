import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { appendEvent } from './events';
import type { GtmOutputRow } from './gtm-outputs';
import { ofGateway } from './rollup-bounds';
import { rangeArgs, type StatsRange } from './stats-range';

/** $1, $2: the range; $3: the gateway (null: every gateway). */
const publishedArgs = (r: StatsRange) => [r.from, r.to, r.gatewayId ?? null];

/** Items created per bucket, type and status (content output velocity). */
export async function contentCreated(
  db: Queryable,
  range: StatsRange,
): Promise<{ bucket: Date; content_type: string; status: string; items: number }[]> {
  return db.query(
    `select date_trunc($3, created_at, $4) as bucket, content_type, coalesce(status, 'draft') as status, count(*)::int as items
       from gtm_outputs where created_at >= $1 and created_at < $2 and ${ofGateway(5)}
      group by 1, 2, 3 order by 1`,
    rangeArgs(range),
  );
}

/** For items published in the range, per type: how many, and the median and average time from draft to published. */
export async function queueAge(
  db: Queryable,
  range: StatsRange,
): Promise<{ content_type: string; items: number; median_hours: number; avg_hours: number }[]> {
  return db.query(
    `select content_type, count(*)::int as items,
            percentile_cont(0.5) within group (order by extract(epoch from published_at - created_at))::float8 / 3600 as median_hours,
            avg(extract(epoch from published_at - created_at))::float8 / 3600 as avg_hours
       from gtm_outputs where published_at >= $1 and published_at < $2 and ${ofGateway(3)}
      group by 1 order by 1`,
    publishedArgs(range),
  );
}

export interface PerformanceRow {
  key: string;
  items: number;
  views: number;
  engagement: number;
  clicks: number;
}

const perItem = `count(*)::int as items, avg(coalesce((metrics->>'views')::float8, 0)) as views,
  avg(coalesce((metrics->>'engagement')::float8, 0)) as engagement, avg(coalesce((metrics->>'clicks')::float8, 0)) as clicks`;
const published = (gateway: number) =>
  `status = 'published' and published_at >= $1 and published_at < $2 and ${ofGateway(gateway)}`;

/** Average views, engagement and clicks per item published in the range: by type, by tag and by hour of publishing. */
export async function contentPerformance(
  db: Queryable,
  range: StatsRange,
): Promise<{ byType: PerformanceRow[]; byTag: PerformanceRow[]; byHour: PerformanceRow[] }> {
  const [byType, byTag, byHour] = await Promise.all([
    db.query<PerformanceRow>(
      `select content_type as key, ${perItem} from gtm_outputs where ${published(3)} group by 1 order by 1`,
      publishedArgs(range),
    ),
    db.query<PerformanceRow>(
      `select tag as key, ${perItem} from gtm_outputs cross join unnest(tags) tag where ${published(3)} group by 1 order by 3 desc, 1 limit 15`,
      publishedArgs(range),
    ),
    db.query<PerformanceRow>(
      `select lpad(extract(hour from published_at at time zone $3)::int::text, 2, '0') || ':00' as key, ${perItem}
         from gtm_outputs where ${published(4)} group by 1 order by 1`,
      [range.from, range.to, range.timeZone, range.gatewayId ?? null],
    ),
  ]);
  return { byType, byTag, byHour };
}

export interface ContentMetrics {
  views?: number;
  engagement?: number;
  clicks?: number;
}

/** Records a published item's performance figures (the ones given replace the stored ones), with an event. */
export async function setContentMetrics(
  tx: Queryable,
  id: string,
  metrics: ContentMetrics,
): Promise<Pick<GtmOutputRow, 'id' | 'title' | 'status' | 'metrics'> | null> {
  const [row] = await tx.query<Pick<GtmOutputRow, 'id' | 'title' | 'status' | 'metrics'>>(
    `update gtm_outputs set metrics = coalesce(metrics, '{}'::jsonb) || $2::jsonb, updated_at = now()
      where id = $1 and status = 'published' returning id, title, status, metrics`,
    [id, JSON.stringify(metrics)],
  );
  if (row) await appendEvent(tx, channelFor.gtm(), 'gtm.output.updated', { outputId: id, title: row.title });
  return row ?? null;
}
