import { idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { publishContent } from '@/server/actions/content-publish';
import { queued } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const command = await publishContent(await actorOf(request), id, await readBody(request));
  return Response.json(queued(command), { status: 202 });
});
