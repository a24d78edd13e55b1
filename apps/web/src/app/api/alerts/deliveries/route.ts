import { alertDeliveriesQuery } from '@agent-studio/core/api';
import { listAlertDeliveries } from '@agent-studio/database';
import { toAlertDelivery } from '@/server/api/alerts';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const { channelId } = parseQuery(alertDeliveriesQuery, request.url);
  const deliveries = await listAlertDeliveries(await getDb(), { channelId, limit: 50 });
  return Response.json({ deliveries: deliveries.map(toAlertDelivery) });
});
