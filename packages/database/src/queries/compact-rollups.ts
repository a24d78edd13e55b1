import type { Queryable } from '../db';

/**
 * Merges the delta rows the run and usage rollups received since the last call (migration 0020): reads stay
 * right without it, but each statement that writes runs or sessions adds rows until it runs.
 */
export async function compactRollups(db: Queryable): Promise<void> {
  await db.query('select compact_rollups()');
}
