import { idParams } from '@agent-studio/core/api';
import { actorOf, ownerSession } from '@/server/actor';
import { parseParams, route, type RouteContext } from '@/server/http';
import { revokeToken } from '@/server/actions/token-revoke';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  await revokeToken(await actorOf(request), id);
  return Response.json({ ok: true });
});
