import 'server-only';
// Who did what: every mutation records its action in the activity log with its outcome (commands record
// theirs when queued and finish it when the bridge answers).
import type { Actor } from '@agent-studio/core';
import { recordActivity, type ActivityTarget, type Tx } from '@agent-studio/database';
import { getDb } from '../db';
import { DomainError } from './errors';

export interface ActionInfo {
  action: string;
  target: ActivityTarget | null;
  detail?: Record<string, unknown>;
  /** Where the target does not say its gateway (a budget's). */
  gatewayId?: string | null;
}

/**
 * Does a direct database action (`work`, in one transaction) and records it there; when it is refused
 * (a DomainError: a conflict, a disallowed transition) the refusal is recorded with its reason. A save that
 * met a newer revision is 'warned', not 'failed': nothing broke, the editor asks which text to keep (and a
 * failure would also raise a toast and the bell beside that question).
 */
export async function withActivity<T>(actor: Actor, info: ActionInfo, work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      await recordActivity(tx, { actor, ...info, outcome: 'succeeded' });
      return result;
    });
  } catch (err) {
    if (err instanceof DomainError)
      await recordActivity(db, {
        actor,
        ...info,
        outcome: err.code === 'revision_conflict' ? 'warned' : 'failed',
        error: err.message,
      });
    throw err;
  }
}

/**
 * Does an action that opens its own transactions (`work`), then records it; a refusal (a DomainError) is recorded
 * with its reason. For the studio's own settings, where no command and no event go with the change.
 */
export async function recorded<T>(actor: Actor, info: ActionInfo, work: () => Promise<T>): Promise<T> {
  const db = await getDb();
  try {
    const result = await work();
    await recordActivity(db, { actor, ...info, outcome: 'succeeded' });
    return result;
  } catch (err) {
    if (err instanceof DomainError) await recordActivity(db, { actor, ...info, outcome: 'failed', error: err.message });
    throw err;
  }
}

/** Records an action refused before it reached the bridge, and returns the error to throw. */
export async function refused(actor: Actor, info: ActionInfo, err: DomainError): Promise<DomainError> {
  await recordActivity(await getDb(), { actor, ...info, outcome: 'failed', error: err.message });
  return err;
}
