import { metricsQuery } from '@agent-studio/core/api';
import { listMetricNames, metricSeries } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { gatewayNames, gatewayOf } from '@/server/gateway-names';
import { parseQuery, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(metricsQuery, request.url);
  const db = await getDb();
  const gatewayId = await filteredGateway(q.gateway);
  const [all, names] = await Promise.all([listMetricNames(db, gatewayId), gatewayNames(db)]);
  // a name not sampled (yet) answers an empty series, as before there were gateways
  const metrics = q.name
    ? [all.find((n) => n.name === q.name) ?? { name: q.name, unit: null, gateway_id: gatewayId ?? null }]
    : all;
  const series = await Promise.all(
    metrics.map(async (n) => ({
      name: n.name,
      unit: n.unit,
      gateway: n.gateway_id ? gatewayOf(names, n.gateway_id) : null,
      points: (
        await metricSeries(db, {
          name: n.name,
          from: q.from,
          to: q.to,
          bucketSeconds: q.bucketSeconds,
          gatewayId: n.gateway_id,
        })
      ).map((p) => ({ t: p.bucket.toISOString(), avg: p.avg, min: p.min, max: p.max })),
    })),
  );
  return Response.json({ from: q.from.toISOString(), to: q.to.toISOString(), bucket: q.bucket, series });
});
