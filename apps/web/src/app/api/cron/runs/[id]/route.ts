import { idParams } from '@agent-studio/core/api';
import { getCronRun } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toCronRun } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const run = await getCronRun(await getDb(), id);
  if (!run) throw notFound('Run');
  return Response.json({ run: toCronRun(run) });
});
