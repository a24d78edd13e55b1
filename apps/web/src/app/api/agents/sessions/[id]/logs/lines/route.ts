import { idParams } from '@agent-studio/core/api';
import { getDb } from '@/server/db';
import { parseParams, route, type RouteContext } from '@/server/http';
import { logLinesResponse, sessionLogOwner } from '@/server/api/log-pages';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  return logLinesResponse(request, db, await sessionLogOwner(db, id));
});
