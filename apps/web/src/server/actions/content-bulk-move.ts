import 'server-only';
import type { Actor, GtmStatus } from '@agent-studio/core';
import { gtmBulkBody } from '@agent-studio/core/api';
import { TransitionError, updateGtmOutput } from '@agent-studio/database';
import { getDb } from '../db';
import { validate } from './errors';

const TARGET: Record<'approve' | 'archive', GtmStatus> = { approve: 'approved', archive: 'archived' };

export interface BulkResult {
  id: string;
  ok: boolean;
  status: GtmStatus | null;
  error: string | null;
}

/** Approves or archives many items; each moves in its own transaction, so one the workflow refuses holds back none. */
export async function moveContent(actor: Actor, input: unknown): Promise<BulkResult[]> {
  const { ids, action } = validate('body', gtmBulkBody, input);
  const db = await getDb();
  const results: BulkResult[] = [];
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
  return results;
}
