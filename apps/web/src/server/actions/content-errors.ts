import 'server-only';
import { allowedTransitions } from '@agent-studio/core';
import { getGtmOutput, RevisionConflictError, TransitionError, type Queryable } from '@agent-studio/database';
import { toGtmDetail } from '../api/serialize';
import { gatewayNames } from '../gateway-names';
import { DomainError } from './errors';

/** A content change refused: a stale revision answers with the current version, a bad move with the allowed ones. */
export async function contentErrors<T>(db: Queryable, id: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (err) {
    if (err instanceof RevisionConflictError) {
      throw new DomainError('revision_conflict', err.message, undefined, {
        current: toGtmDetail(err.current, await gatewayNames(db)),
      });
    }
    if (err instanceof TransitionError) {
      const current = await getGtmOutput(db, id);
      throw new DomainError('invalid_transition', err.message, undefined, {
        allowed: current ? allowedTransitions(current.status) : [],
      });
    }
    throw err;
  }
}
