import { openDb, shareDb } from '@agent-studio/database';
import { parseEnv } from '../env';
import { runUntilSignal } from '../lifecycle';
import type { Logger } from '../log';
import type { Flags } from '../flags';
import { applyMigrations } from '../migrations';
import { announceSetupLink } from '../setup-link';
import { ensureWebBuild, startWebServer } from '../web-server';

/**
 * `agent-studio web`: the web app alone, on a shared Postgres (bridges run elsewhere). Served by the studio's
 * own server rather than `next start`, which cannot tell the app a client's real address.
 */
export async function runWeb(flags: Flags, log: Logger): Promise<void> {
  await runUntilSignal(
    startWebCommand(flags, log),
    async ({ web, db }) => {
      await web.stop();
      await db.close();
    },
    log,
  );
}

async function startWebCommand(flags: Flags, log: Logger) {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    log.warn(
      'no DATABASE_URL: the web app runs on the embedded database, and no bridge can share it. Use `agent-studio studio` for that.',
    );
  }
  await applyMigrations(env, env.STUDIO_DATA_DIR, log);
  ensureWebBuild((m) => log.info(m));
  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.STUDIO_DATA_DIR });
  shareDb(db);
  const web = await startWebServer({
    host: flags.host ?? env.HOST,
    port: flags.port ?? env.PORT,
    trustedProxies: env.STUDIO_TRUSTED_PROXIES,
  });
  log.info(`Agent Studio web app is running at ${web.url}`);
  await announceSetupLink(db, web.url, log);
  return { web, db };
}
