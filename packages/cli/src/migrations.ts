import { spawnSync } from 'node:child_process';
import { openDb } from '@agent-studio/database';
import { migrate } from '@agent-studio/database/migrate';
import type { Env } from './env';
import type { Logger } from './log';
import { CLI_PATH } from './paths';

/**
 * PGlite's first set-up raises the process's memory for good (STYLE.md), so on the embedded database the
 * migrations run in a short child process; on Postgres they run here (advisory-locked against other processes).
 */
export async function applyMigrations(env: Env, dataDir: string, log: Logger) {
  if (env.DATABASE_URL) {
    const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    return;
  }
  const r = spawnSync(process.execPath, [CLI_PATH, 'migrate'], {
    stdio: 'inherit',
    env: { ...process.env, STUDIO_DATA_DIR: dataDir },
  });
  // 2: the child said why in words (the folder is in use by a running studio, the database is newer): that is
  // the whole story, not a failed migration
  if (r.status === 2) process.exit(2);
  if (r.status !== 0) {
    log.error('migrations failed: the studio will not start on a database it does not understand');
    process.exit(r.status ?? 1);
  }
}
