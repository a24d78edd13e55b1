import 'server-only';
import { allowedTransitions } from '@agent-studio/core';
import { getGtmOutput, RevisionConflictError, TransitionError, type Queryable } from '@agent-studio/database';
import { HttpError } from '../http';
import { toGtmDetail } from './serialize';

/** A content change refused: a stale revision answers with the current version, a bad move with the allowed ones. */
export async function contentErrors<T>(db: Queryable, id: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof RevisionConflictError) {
      throw new HttpError(409, 'revision_conflict', err.message, undefined, { current: toGtmDetail(err.current) });
    }
    if (err instanceof TransitionError) {
      const current = await getGtmOutput(db, id);
      throw new HttpError(409, 'invalid_transition', err.message, undefined, {
        allowed: current ? allowedTransitions(current.status) : [],
      });
    }
    throw err;
  }
}
