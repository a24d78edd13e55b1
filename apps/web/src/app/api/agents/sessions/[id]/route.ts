import { idParams } from '@agent-studio/core/api';
import { getAgentSession, getSessionTree, listAgentLogs } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toLog, toSession } from '@/server/api/serialize';
import { toSessionsWithTotals } from '@/server/api/session-totals';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const session = await getAgentSession(db, id);
  if (!session) throw notFound('Session');
  const [[withTotals], tree, logs, gateways] = await Promise.all([
    toSessionsWithTotals(db, [session]),
    getSessionTree(db, session.swarm_id ?? session.id),
    listAgentLogs(db, { sessionId: id, limit: 100 }),
    gatewayNames(db),
  ]);
  if (!withTotals) throw notFound('Session');
  return Response.json({
    session: withTotals,
    tree: tree.map((n) => ({ ...toSession(n, gateways), depth: n.depth })),
    logs: logs.reverse().map(toLog),
  });
});
