import { metricsQuery } from '@agent-studio/core/api';
import { listMetricNames, metricSeries } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(metricsQuery, request.url);
  const db = await getDb();
  const names = q.name ? [{ name: q.name, unit: null }] : await listMetricNames(db);
  const series = await Promise.all(
    names.map(async (n) => ({
      name: n.name,
      unit: n.unit,
      points: (await metricSeries(db, { name: n.name, from: q.from, to: q.to, bucketSeconds: q.bucketSeconds })).map(
        (p) => ({ t: p.bucket.toISOString(), avg: p.avg, min: p.min, max: p.max }),
      ),
    })),
  );
  return Response.json({ from: q.from.toISOString(), to: q.to.toISOString(), bucket: q.bucket, series });
});
