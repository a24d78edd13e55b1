import type { GtmStatus } from '@agent-studio/core';
import { gtmBulkBody } from '@agent-studio/core/api';
import { TransitionError, updateGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

const TARGET: Record<'approve' | 'archive', GtmStatus> = { approve: 'approved', archive: 'archived' };

/** Each item moves in its own transaction: one the workflow refuses does not hold back the others. */
export const POST = route(async (request: Request) => {
  const { ids, action } = await parseBody(gtmBulkBody, request);
  const actor = await actorOf(request);
  const db = await getDb();
  const results = [];
  for (const id of new Set(ids)) {
    try {
      const row = await db.transaction((tx) => updateGtmOutput(tx, id, { status: TARGET[action], actor }));
      results.push(
        row
          ? { id, ok: true, status: row.status, error: null }
          : { id, ok: false, status: null, error: 'This item no longer exists.' },
      );
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      results.push({ id, ok: false, status: null, error: err.message });
    }
  }
  return Response.json({ results });
});
