import { openDb } from '@agent-studio/database';
import { migrate } from '@agent-studio/database/migrate';
import { parseEnv } from '../env';
import type { Logger } from '../log';

export async function runMigrate(log: Logger): Promise<void> {
  const env = parseEnv(process.env);
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR });
  try {
    const applied = await migrate(db);
    log.info(
      applied.length
        ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'database schema is up to date',
    );
  } finally {
    await db.close();
  }
}
