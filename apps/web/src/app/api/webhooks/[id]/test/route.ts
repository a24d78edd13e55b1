import { idParams } from '@agent-studio/core/api';
import { toWebhookDelivery } from '@/server/api/serialize';
import { actorOf } from '@/server/actor';
import { parseParams, route, type RouteContext } from '@/server/http';
import { testWebhook } from '@/server/actions/webhook-test';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  return Response.json({ delivery: toWebhookDelivery(await testWebhook(await actorOf(request), id)) }, { status: 202 });
});
