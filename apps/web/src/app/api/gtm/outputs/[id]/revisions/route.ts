import { idParams } from '@agent-studio/core/api';
import { getGtmOutput, listGtmRevisions } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toGtmRevision } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  if (!(await getGtmOutput(db, id))) throw notFound('Content item');
  return Response.json({ revisions: (await listGtmRevisions(db, id)).map(toGtmRevision) });
});
