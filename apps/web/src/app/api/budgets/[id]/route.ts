import { idParams } from '@agent-studio/core/api';
import { deleteBudget, getBudget } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { withActivity } from '@/server/activity';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const budget = await getBudget(await getDb(), id);
  if (!budget) throw notFound('Budget');
  await withActivity(
    request,
    { action: 'budget.delete', target: { kind: 'budget', id: budget.target || null, label: `${budget.scope} budget` } },
    (tx) => deleteBudget(tx, id),
  );
  return Response.json({ ok: true });
});
