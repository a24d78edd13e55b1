import { openDb, shareDb } from '@agent-studio/database';
import { startBridge, startStandbyBridge, type GatewayTarget } from '@agent-studio/gateway-bridge';
import { gatewayEnv, localSources } from '../bridge-options';
import { parseEnv } from '../env';
import type { Logger } from '../log';
import type { Flags } from '../flags';
import { applyMigrations } from '../migrations';
import { runUntilSignal } from '../lifecycle';
import { startProfileBridges } from '../profile-bridges';
import { announceSetupLink } from '../setup-link';
import { ensureWebBuild, startWebServer } from '../web-server';

export interface StudioOptions {
  /** The demo points the bridge at its simulator instead of the configured OpenClaw. */
  gateway?: GatewayTarget;
  gtmDir?: string;
  dataDir?: string;
  onStop?: () => Promise<void>;
}

/** `agent-studio studio`: migrations, then web server and bridge in one process on one database. */
export async function runStudio(flags: Flags, log: Logger, opts: StudioOptions = {}): Promise<void> {
  // each part named as it stops: a shutdown that hangs (seen twice at load 20, not yet explained) says where
  await runUntilSignal(
    startStudio(flags, log, opts),
    async ({ web, profiles, bridge, db }) => {
      log.info('stopping the web server');
      await web.stop();
      log.info('stopping the bridge');
      await profiles?.stop();
      await bridge.stop();
      log.info('closing the database');
      await db.close();
      if (opts.onStop) log.info('stopping the rest');
      await opts.onStop?.();
    },
    log,
  );
}

async function startStudio(flags: Flags, log: Logger, opts: StudioOptions) {
  const env = parseEnv(process.env);
  const dataDir = opts.dataDir ?? env.STUDIO_DATA_DIR;
  await applyMigrations(env, dataDir, log);
  ensureWebBuild((m) => log.info(m));

  const db = await openDb({ databaseUrl: env.DATABASE_URL, dataDir });
  shareDb(db);
  // on Postgres other bridges may share the database (a standby, other gateways'): take leases like them
  const bridge = await (env.DATABASE_URL ? startStandbyBridge : startBridge)({
    db,
    identityDir: dataDir,
    gateway: opts.gateway ?? { env: gatewayEnv(env) },
    gtmDir: opts.gtmDir ?? env.STUDIO_GTM_DIR,
    logger: log,
    webhooks: { publicUrl: env.STUDIO_PUBLIC_URL },
    ...localSources(env, flags, dataDir),
  });
  // the real studio serves this machine's other OpenClaw profiles too; the demo has its simulator only
  const profiles = opts.gateway ? null : await startProfileBridges(db, env, dataDir, log);
  const web = await startWebServer({
    host: flags.host ?? env.HOST,
    port: flags.port ?? env.PORT,
    trustedProxies: env.STUDIO_TRUSTED_PROXIES,
  });
  log.info(`Agent Studio is running at ${web.url}`);
  await announceSetupLink(db, web.url, log);
  return { web, profiles, bridge, db };
}
