import { idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseParams, route, type RouteContext } from '@/server/http';
import { cancelSession } from '@/server/actions/session-cancel';
import { queued } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  return Response.json(queued(await cancelSession(await actorOf(request), id)), { status: 202 });
});
