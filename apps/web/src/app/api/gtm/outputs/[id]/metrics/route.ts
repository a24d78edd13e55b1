import { idParams } from '@agent-studio/core/api';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { setContentFigures } from '@/server/actions/content-metrics-set';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const row = await setContentFigures(id, await readBody(request));
  return Response.json({ outputId: row.id, metrics: row.metrics });
});
