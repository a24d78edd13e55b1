import { idParams } from '@agent-studio/core/api';
import { toWebhook } from '@/server/api/serialize';
import { actorOf, ownerSession } from '@/server/actor';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { removeWebhook } from '@/server/actions/webhook-delete';
import { changeWebhook } from '@/server/actions/webhook-update';

export const dynamic = 'force-dynamic';

/** The owner's session only, like creating one: a change can re-point the webhook or allow private addresses. */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  return Response.json({
    webhook: toWebhook(await changeWebhook(await actorOf(request), id, await readBody(request))),
  });
});

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  await removeWebhook(await actorOf(request), id);
  return Response.json({ ok: true });
});
