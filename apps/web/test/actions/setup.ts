// What every mutation module's test needs: the studio (a test database shared as the process's, a bridge on the
// gateway simulator), the owner as the actor, and a check that a promise is refused with a domain error's code.
import assert from 'node:assert/strict';
import type { Actor } from '@agent-studio/core';
import { getOwner, listActivity, type ActivityRow, type Queryable } from '@agent-studio/database';
import type { TestDatabase } from '@agent-studio/database/testing';
import { DomainError, type DomainErrorCode } from '@/server/actions/errors';
import { useStudio, type Studio } from '../fixture';

export { contentItem, mirroredJob, newJobBody, until } from '../fixture';

export function useActions(get: () => TestDatabase): { studio: () => Studio; owner: () => Promise<Actor> } {
  const studio = useStudio(get);
  const owner = async (): Promise<Actor> => ({ kind: 'owner', id: (await getOwner(studio().db)).id, name: 'owner' });
  return { studio, owner };
}

/** Resolves with the DomainError `work` was refused with; fails when it succeeds or throws anything else. */
export async function refusal(work: Promise<unknown>, code: DomainErrorCode): Promise<DomainError> {
  let caught: unknown;
  await assert.rejects(work, (err) => ((caught = err), err instanceof DomainError && err.code === code));
  return caught as DomainError;
}

/** The newest activity entry of `action`. */
export async function lastActivity(db: Queryable, action: string): Promise<ActivityRow | undefined> {
  return (await listActivity(db, { action, limit: 1 })).rows[0];
}
