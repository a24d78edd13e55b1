import { gtmListQuery } from '@agent-studio/core/api';
import { listGtmOutputs } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';
import { toGtmOutput } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(gtmListQuery, request.url);
  const { rows, nextCursor, total, totalKind } = await listGtmOutputs(await getDb(), {
    status: q.status,
    type: q.type || undefined,
    search: q.search || undefined,
    sort: q.sort,
    limit: q.limit,
    cursor: q.cursor,
  });
  return Response.json({ outputs: rows.map(toGtmOutput), total, totalKind, limit: q.limit, nextCursor });
});
