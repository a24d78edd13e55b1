import { sessionsQuery } from '@agent-studio/core/api';
import { listAgentSessions } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';
import { toSessionsWithTotals } from '@/server/api/session-totals';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(sessionsQuery, request.url);
  const db = await getDb();
  const { gateway, ...filters } = q;
  const { rows, nextCursor } = await listAgentSessions(db, { ...filters, gatewayId: await filteredGateway(gateway) });
  return Response.json({ sessions: await toSessionsWithTotals(db, rows), nextCursor });
});
