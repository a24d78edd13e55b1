import type { Db } from '../db';

/**
 * Reclaims the space of updated and deleted rows and refreshes the planner's statistics, for every table.
 * PGlite needs it from the studio: it runs no autovacuum (a single-user Postgres), so without this its tables
 * only grow and its planner never sees a statistic. Not inside a transaction.
 */
export async function vacuumAnalyze(db: Db): Promise<void> {
  await db.exec('vacuum (analyze)');
}
