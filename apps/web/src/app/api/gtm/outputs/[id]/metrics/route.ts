import { contentMetricsBody, idParams } from '@agent-studio/core/api';
import { getGtmOutput, setContentMetrics } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const figures = await parseBody(contentMetricsBody, request);
  const db = await getDb();
  const output = await getGtmOutput(db, id);
  if (!output) throw notFound('Content item');
  const row = await db.transaction((tx) => setContentMetrics(tx, id, figures));
  if (!row)
    throw new HttpError(
      409,
      'not_published',
      `“${output.title}” is ${output.status?.replace('_', ' ')}, not published: performance figures apply to published content only.`,
    );
  return Response.json({ outputId: row.id, metrics: row.metrics });
});
