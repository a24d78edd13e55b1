// The bridge daemon: observes OpenClaw (gateway, GTM folder), mirrors it into the database, and executes
// the commands the web app queues. Every part starts and stops here (STYLE.md §8).
import { hostname } from 'node:os';
import type { Db } from '@agent-studio/database';
import type { Logger } from './logger';
import { GtmFolderSource } from './sources/gtm-folder';
import { CommandExecutor } from './commands/executor';
import { commandHandlers } from './commands/handlers';
import { GatewayConnection, type GatewayTarget } from './sources/gateway-connection';
import { MetricsSampler } from './sources/metrics-sampler';

export type { GatewayTarget };

export interface BridgeOptions {
  db: Db;
  /** Holds the gateway device key (the studio's data folder). */
  identityDir: string;
  gateway: GatewayTarget;
  /** The watched content folder; defaults to `<workspace>/gtm` from OpenClaw's config. */
  gtmDir?: string;
  logger: Logger;
  /** Stable per bridge, so a restart re-claims the commands it left running. */
  worker?: string;
}

export interface Bridge {
  gateway: GatewayConnection;
  gtm: GtmFolderSource | null;
  commands: CommandExecutor;
  stop(): Promise<void>;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { db, logger } = opts;
  const gateway = new GatewayConnection({ db, target: opts.gateway, identityDir: opts.identityDir, logger });
  await gateway.start();

  const gtmDir = opts.gtmDir ?? gateway.workspaceDir?.concat('/gtm');
  const gtm = gtmDir ? new GtmFolderSource({ db, gtmDir, logger, findAuthor: (path, at) => gateway.findAuthor(path, at) }) : null;
  await gtm?.start().catch((err) => logger.warn(`GTM folder ${gtmDir} cannot be watched; content will not be imported`, err));
  if (!gtmDir) logger.warn('no GTM folder known (set STUDIO_GTM_DIR or OPENCLAW_WORKSPACE): content will not be imported');

  const metrics = new MetricsSampler({ db, logger, gatewayUp: () => gateway.calls !== null, folders: { workspace: gateway.workspaceDir, gtm: gtmDir } });
  metrics.start();

  const ctx = { db, logger, get gateway() { return gateway.calls; } };
  const commands = new CommandExecutor(db, opts.worker ?? `bridge@${hostname()}`, commandHandlers, ctx, logger);
  await commands.start();

  return {
    gateway,
    gtm,
    commands,
    async stop() {
      metrics.stop();
      await commands.stop();
      await gtm?.stop();
      await gateway.stop();
    },
  };
}
