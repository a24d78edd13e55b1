import { sessionsQuery } from '@agent-studio/core/api';
import { listAgentSessions } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';
import { toSession } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(sessionsQuery, request.url);
  const { rows, nextCursor } = await listAgentSessions(await getDb(), q);
  return Response.json({ sessions: rows.map(toSession), nextCursor });
});
