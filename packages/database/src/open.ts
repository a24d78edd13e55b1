import { resolve } from 'node:path';
import type { Db } from './db';

export interface DbConfig {
  /** Set: real Postgres. Unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Postgres only: give up connecting after this long (a short-lived process must not hang on a dead host). */
  connectTimeoutMs?: number;
  /**
   * Postgres only: the server ends a transaction of this process left idle this long (a frozen or lost bridge's,
   * whose locks would otherwise hold up every other bridge until TCP gives up, hours later).
   */
  idleInTransactionMs?: number;
}

/** The data folder (STUDIO_DATA_DIR) holds PGlite's files and the bridge's device key. */
export const DEFAULT_DATA_DIR = './.studio/db';

/** Loads only the driver it needs, so a process on Postgres never loads PGlite, nor one on PGlite pg. */
export async function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./drivers/postgres');
    return openPostgres(config.databaseUrl, {
      connectTimeoutMs: config.connectTimeoutMs,
      idleInTransactionMs: config.idleInTransactionMs,
    });
  }
  const { openPglite } = await import('./drivers/pglite');
  return openPglite(resolve(config.dataDir));
}
