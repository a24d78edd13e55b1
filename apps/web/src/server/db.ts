import 'server-only';
import { openDb, sharedDb, type Db } from '@agent-studio/database';
import { env } from './env';

/** The process's database: the one the studio command opened, or one of our own under plain `next start`. */
export function getDb(): Promise<Db> {
  return sharedDb(() => openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR }));
}
