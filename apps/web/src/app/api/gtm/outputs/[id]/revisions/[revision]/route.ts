import { revisionParams } from '@agent-studio/core/api';
import { getGtmRevision } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toGtmRevision } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id, revision } = parseParams(revisionParams, await ctx.params);
  const row = await getGtmRevision(await getDb(), id, revision);
  if (!row) throw notFound('Revision');
  return Response.json({ revision: { ...toGtmRevision(row), contentMd: row.content_md } });
});
