import { ensureGateway, openDb, type Db } from '@agent-studio/database';
import {
  BridgeRoleError,
  checkBridgeDatabase,
  currentRole,
  limitedToGateway,
  mayMigrate,
} from '@agent-studio/database/bridge-role';
import { migrate } from '@agent-studio/database/migrate';
import { startBridge, startStandbyBridge } from '@agent-studio/gateway-bridge';
import { gatewayEnv, localSources } from '../bridge-options';
import { parseEnv, UsageError } from '../env';
import type { Logger } from '../log';
import { runUntilSignal } from '../lifecycle';
import type { Flags } from '../flags';
import { applyMigrations } from '../migrations';

/** Far longer than any transaction of the bridge waits between its statements (no gateway call is made in one). */
const IDLE_IN_TRANSACTION_MS = 30_000;

/**
 * `agent-studio bridge [--gateway <name>]`: the bridge alone, beside the gateway, writing to a shared Postgres;
 * it serves the gateway named (its row found or created), else the default gateway. A second bridge for the same
 * gateway is its standby: it works only while it holds the gateway's lease (the studio-wide workers, while it
 * holds the studio lease), and takes over when the holder dies.
 */
export async function runBridge(flags: Flags, log: Logger): Promise<void> {
  await runUntilSignal(
    startBridgeCommand(flags, log),
    async ({ bridge, db }) => {
      await bridge.stop();
      await db.close();
    },
    log,
  );
}

async function startBridgeCommand(flags: Flags, log: Logger) {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) {
    log.warn(
      'no DATABASE_URL: the bridge runs on the embedded database, and no web app can share it. Use `agent-studio studio` for that.',
    );
  }
  if (!env.DATABASE_URL) await applyMigrations(env, env.STUDIO_DATA_DIR, log);
  // a bridge frozen mid-transaction (a lost host) must not hold the other bridges' writes up: the server ends it
  const db = await openDb({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.STUDIO_DATA_DIR,
    idleInTransactionMs: IDLE_IN_TRANSACTION_MS,
  });
  if (env.DATABASE_URL) await migrateOrCheck(db, log);
  // a role limited to one gateway's rows (bridge-role --gateway) serves that gateway only
  const limited = await limitedToGateway(db);
  if (limited && flags.gateway !== limited.name) {
    const role = await currentRole(db);
    await db.close();
    throw new UsageError(
      `This bridge's database role (${role}) may serve the gateway "${limited.name}" only: start it with ` +
        `--gateway ${limited.name}.`,
    );
  }
  const gateway = flags.gateway ? await ensureGateway(db, flags.gateway) : null;
  const options = {
    db,
    gatewayId: gateway?.id,
    identityDir: env.STUDIO_DATA_DIR,
    gateway: { env: gatewayEnv(env) },
    gtmDir: env.STUDIO_GTM_DIR,
    logger: log,
    webhooks: { publicUrl: env.STUDIO_PUBLIC_URL },
    ...localSources(env, flags, env.STUDIO_DATA_DIR),
  };
  // on PGlite the data folder's lock already keeps a second bridge out; on Postgres it may be a standby
  const standby = env.DATABASE_URL ? await startStandbyBridge(options) : null;
  const bridge = standby ?? (await startBridge(options));
  const running = gateway ? `bridge running for gateway "${gateway.name}"` : 'bridge running';
  log.info(standby && !standby.work ? `${running} (standby)` : running);
  return { bridge, db };
}

/**
 * On Postgres the bridge migrates if its role may (the owner's); a bridge role (`agent-studio bridge-role`) may
 * not: it checks the schema is its code's and that it has a bridge's rights, else stops saying what to run.
 */
async function migrateOrCheck(db: Db, log: Logger): Promise<void> {
  try {
    if (await mayMigrate(db)) {
      await migrate(db);
      return;
    }
    await checkBridgeDatabase(db);
    log.info(`database role ${await currentRole(db)}: a bridge's rights only (the schema is migrated by the owner)`);
  } catch (err) {
    await db.close();
    if (err instanceof BridgeRoleError) throw new UsageError(err.message);
    throw err;
  }
}
