import { idParams } from '@agent-studio/core/api';
import { WEBHOOK_TEST_EVENT } from '@agent-studio/core/webhook-events';
import { enqueueWebhookDelivery, getWebhook } from '@agent-studio/database';
import { toWebhookDelivery } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

/** The bridge sends it (web never calls out); the delivery log shows how it went. */
export const POST = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const webhook = await getWebhook(db, id);
  if (!webhook) throw notFound('Webhook');
  const payload = {
    message: 'A test delivery from Agent Studio: your endpoint is reachable and can check the signature.',
    webhook: { id: webhook.id, name: webhook.name },
  };
  const delivery = await enqueueWebhookDelivery(db, id, WEBHOOK_TEST_EVENT, payload);
  return Response.json({ delivery: toWebhookDelivery(delivery) }, { status: 202 });
});
