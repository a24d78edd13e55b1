import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb, shareDb } from '@agent-studio/database';
import { migrate } from '@agent-studio/database/migrate';
import { startBridge, type GatewayTarget } from '@agent-studio/gateway-bridge';
import { parseEnv, spoolDir, type Env } from '../env';
import type { Logger } from '../log';
import type { Flags } from '../main';
import { stopOnSignals } from '../lifecycle';
import { announceSetupLink } from '../setup-link';
import { ROOT_DIR, ensureWebBuild, startWebServer } from '../web-server';

export interface StudioOptions {
  /** The demo points the bridge at its simulator instead of the configured OpenClaw. */
  gateway?: GatewayTarget;
  gtmDir?: string;
  dataDir?: string;
  onStop?: () => Promise<void>;
}

/** `agent-studio studio`: migrations, then web server and bridge in one process on one database. */
export async function runStudio(flags: Flags, log: Logger, opts: StudioOptions = {}): Promise<void> {
  const env = parseEnv(process.env);
  const dataDir = opts.dataDir ?? env.STUDIO_DATA_DIR;
  await applyMigrations(env, dataDir, log);
  ensureWebBuild((m) => log.info(m));

  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
  shareDb(db);
  const bridge = await startBridge({
    db,
    identityDir: dataDir,
    gateway: opts.gateway ?? { env: gatewayEnv(env) },
    gtmDir: opts.gtmDir ?? env.STUDIO_GTM_DIR,
    logger: log,
    ...localSources(env, flags, dataDir),
  });
  const web = await startWebServer({ host: flags.host ?? env.HOST, port: flags.port ?? env.PORT });
  log.info(`Agent Studio is running at ${web.url}`);
  await announceSetupLink(db, web.url, log);
  stopOnSignals(async () => {
    await web.stop();
    await bridge.stop();
    await db.close();
    await opts.onStop?.();
  }, log);
}

/** What the bridge reads on this machine besides the gateway: host crontabs, the exec spool, OpenClaw's old files. */
export function localSources(env: Env, flags: Flags, dataDir: string) {
  const crontabs = [...(flags.crontabs ?? []), ...(env.STUDIO_HOST_CRONTABS?.split(':').filter(Boolean) ?? [])];
  const configPath = env.OPENCLAW_CONFIG_PATH ?? join(homedir(), '.openclaw', 'openclaw.json');
  return {
    hostCron: { crontabs, spoolDir: spoolDir(env, dataDir), execCommand: [process.execPath, join(ROOT_DIR, 'bin/agent-studio.mjs')] },
    openclawFiles: { stateDir: env.OPENCLAW_STATE_DIR ?? dirname(configPath), mode: env.STUDIO_OPENCLAW_FILES },
  };
}

export function gatewayEnv(env: Env) {
  return {
    OPENCLAW_CONFIG_PATH: env.OPENCLAW_CONFIG_PATH,
    OPENCLAW_GATEWAY_URL: env.OPENCLAW_GATEWAY_URL,
    OPENCLAW_GATEWAY_TOKEN: env.OPENCLAW_GATEWAY_TOKEN,
    OPENCLAW_WORKSPACE: env.OPENCLAW_WORKSPACE,
  };
}

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
  const r = spawnSync(process.execPath, [join(ROOT_DIR, 'bin/agent-studio.mjs'), 'migrate'], {
    stdio: 'inherit',
    env: { ...process.env, STUDIO_DATA_DIR: dataDir },
  });
  if (r.status !== 0) {
    log.error('migrations failed: the studio will not start on a database it does not understand');
    process.exit(r.status ?? 1);
  }
}
