import { idParams } from '@agent-studio/core/api';
import { getGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { notFound, parseParams, readBody, route, type RouteContext } from '@/server/http';
import { updateContent } from '@/server/actions/content-update';
import { toGtmDetail } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const output = await getGtmOutput(db, id);
  if (!output) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(output, await gatewayNames(db)) });
});

export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const output = await updateContent(await actorOf(request), id, await readBody(request));
  return Response.json({ output: toGtmDetail(output, await gatewayNames(await getDb())) });
});
