import { idParams } from '@agent-studio/core/api';
import { getDb } from '@/server/db';
import { parseParams, route, type RouteContext } from '@/server/http';
import { logSearchResponse, runLogOwner } from '@/server/api/log-pages';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  return logSearchResponse(request, db, await runLogOwner(db, id));
});
