import { activityQuery } from '@agent-studio/core/api';
import { listActivity } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';
import { toActivity } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(activityQuery, request.url);
  const { rows, nextCursor } = await listActivity(await getDb(), q);
  return Response.json({ entries: rows.map(toActivity), nextCursor });
});
