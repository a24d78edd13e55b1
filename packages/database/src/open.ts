import { resolve } from 'node:path';
import type { Db } from './db';
import { openPglite } from './drivers/pglite';
import { openPostgres } from './drivers/postgres';

export interface DbConfig {
  /** Set: real Postgres. Unset: embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Postgres only: give up connecting after this long (a short-lived process must not hang on a dead host). */
  connectTimeoutMs?: number;
}

/** The data folder (STUDIO_DATA_DIR) holds PGlite's files and the bridge's device key. */
export const DEFAULT_DATA_DIR = './.studio/db';

export function openDb(config: DbConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, { connectTimeoutMs: config.connectTimeoutMs }) : openPglite(resolve(config.dataDir));
}
