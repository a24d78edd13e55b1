import { idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseParams, route, type RouteContext } from '@/server/http';
import { removeBudget } from '@/server/actions/budget-delete';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  await removeBudget(await actorOf(request), id);
  return Response.json({ ok: true });
});
