import { idParams } from '@agent-studio/core/api';
import { getAgentSession } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { sessionLogStream } from '@/server/api/log-stream';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  if (!(await getAgentSession(db, id))) throw notFound('Session');
  return sessionLogStream(request, db, id);
});
