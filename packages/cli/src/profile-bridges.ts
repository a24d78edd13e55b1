import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureGateway, type Db } from '@agent-studio/database';
import {
  findOpenclawProfiles,
  openclawConfigPath,
  startGatewayBridge,
  startStandbyBridge,
} from '@agent-studio/gateway-bridge';
import type { Env } from './env';
import type { Logger } from './log';

/**
 * `studio` serves OpenClaw's other profiles on this machine too (`~/.openclaw-<name>`, STUDIO_OPENCLAW_PROFILES),
 * each as the gateway named after it, beside the default one whose bridge runs the studio-wide workers. On
 * Postgres each takes its gateway's lease like any bridge, so a bridge elsewhere may serve it instead.
 */
export async function startProfileBridges(
  db: Db,
  env: Env,
  dataDir: string,
  log: Logger,
  home = homedir(),
): Promise<{ names: string[]; stop(): Promise<void> }> {
  const setting = env.STUDIO_OPENCLAW_PROFILES;
  const profiles =
    setting === 'none'
      ? []
      : findOpenclawProfiles({
          home,
          except: openclawConfigPath(env, home),
          only: setting === 'all' ? undefined : setting,
        });
  if (Array.isArray(setting))
    for (const name of setting.filter((n) => !profiles.some((p) => p.name === n)))
      log.warn(
        `OpenClaw profile "${name}" (STUDIO_OPENCLAW_PROFILES) has no ${join(home, `.openclaw-${name}`)}/openclaw.json`,
      );

  const bridges: { stop(): Promise<void> }[] = [];
  for (const profile of profiles) {
    const gateway = await ensureGateway(db, profile.name);
    const options = {
      db,
      gatewayId: gateway.id,
      identityDir: dataDir,
      // its own config only: the environment's OPENCLAW_* name the default gateway
      gateway: { env: { OPENCLAW_CONFIG_PATH: profile.configPath } },
      logger: prefixed(log, `[${profile.name}] `),
      webhooks: { publicUrl: env.STUDIO_PUBLIC_URL },
    };
    bridges.push(
      env.DATABASE_URL
        ? await startStandbyBridge({ ...options, studioWorkers: false })
        : await startGatewayBridge(options),
    );
    log.info(`serving OpenClaw profile "${profile.name}" (${profile.configPath}) as gateway "${gateway.name}"`);
  }
  return {
    names: profiles.map((p) => p.name),
    async stop() {
      for (const bridge of bridges) await bridge.stop();
    },
  };
}

function prefixed(log: Logger, prefix: string): Logger {
  return {
    info: (msg, extra) => log.info(prefix + msg, extra),
    warn: (msg, extra) => log.warn(prefix + msg, extra),
    error: (msg, extra) => log.error(prefix + msg, extra),
  };
}
