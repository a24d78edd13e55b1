import { failureAckParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseParams, route, type RouteContext } from '@/server/http';
import { acknowledge } from '@/server/actions/failure-acknowledge';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { kind, id } = parseParams(failureAckParams, await ctx.params);
  return Response.json({ acknowledged: await acknowledge(await actorOf(request), kind, id) });
});
