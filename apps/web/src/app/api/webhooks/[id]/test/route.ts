import { idParams } from '@agent-studio/core/api';
import { toWebhookDelivery } from '@/server/api/serialize';
import { parseParams, route, type RouteContext } from '@/server/http';
import { testWebhook } from '@/server/actions/webhook-test';

export const dynamic = 'force-dynamic';

export const POST = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  return Response.json({ delivery: toWebhookDelivery(await testWebhook(id)) }, { status: 202 });
});
