import { idParams } from '@agent-studio/core/api';
import { getCommand } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const c = await getCommand(await getDb(), id);
  if (!c) throw notFound('Command');
  return Response.json({
    command: {
      id: c.id,
      kind: c.kind,
      status: c.status,
      result: c.result,
      error: c.error,
      claimedBy: c.claimed_by,
      createdAt: c.created_at.toISOString(),
      finishedAt: c.finished_at?.toISOString() ?? null,
    },
  });
});
