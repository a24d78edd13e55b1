import { revisionParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { restoreContent } from '@/server/actions/content-restore';
import { toGtmDetail } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id, revision } = parseParams(revisionParams, await ctx.params);
  const output = await restoreContent(await actorOf(request), id, revision, await readBody(request));
  return Response.json({ output: toGtmDetail(output, await gatewayNames(await getDb())) });
});
