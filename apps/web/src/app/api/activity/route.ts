import { activityQuery } from '@agent-studio/core/api';
import { listActivity } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { gatewayNames, gatewayOf } from '@/server/gateway-names';
import { parseQuery, route } from '@/server/http';
import { toActivity } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const { gateway, ...q } = parseQuery(activityQuery, request.url);
  const db = await getDb();
  const { rows, nextCursor } = await listActivity(db, { ...q, gatewayId: await filteredGateway(gateway) });
  const names = await gatewayNames(db);
  return Response.json({
    entries: rows.map((a) => ({ ...toActivity(a), gateway: a.gateway_id ? gatewayOf(names, a.gateway_id) : null })),
    nextCursor,
  });
});
