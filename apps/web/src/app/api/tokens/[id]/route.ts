import { idParams } from '@agent-studio/core/api';
import { revokeApiToken } from '@agent-studio/database';
import { ownerSession } from '@/server/actor';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  if (!(await revokeApiToken(await getDb(), id))) throw notFound('Active token');
  return Response.json({ ok: true });
});
