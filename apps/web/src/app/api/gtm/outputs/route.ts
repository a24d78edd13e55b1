import { gtmListQuery } from '@agent-studio/core/api';
import { listGtmOutputs } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { parseQuery, route } from '@/server/http';
import { toGtmOutput } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(gtmListQuery, request.url);
  const db = await getDb();
  const gatewayId = await filteredGateway(q.gateway);
  const { rows, nextCursor, total, totalKind } = await listGtmOutputs(db, {
    status: q.status,
    type: q.type || undefined,
    search: q.search || undefined,
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor,
    gatewayId,
  });
  const gateways = await gatewayNames(db);
  return Response.json({
    outputs: rows.map((o) => toGtmOutput(o, gateways)),
    total,
    totalKind,
    limit: q.limit,
    nextCursor,
  });
});
