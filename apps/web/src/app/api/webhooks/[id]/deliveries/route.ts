import { idParams } from '@agent-studio/core/api';
import { getWebhook, listWebhookDeliveries } from '@agent-studio/database';
import { toWebhookDelivery } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  if (!(await getWebhook(db, id))) throw notFound('Webhook');
  return Response.json({ deliveries: (await listWebhookDeliveries(db, id)).map(toWebhookDelivery) });
});
