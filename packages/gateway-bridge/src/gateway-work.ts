// A bridge's work for its gateway (issue 18): the connection and mirror, the sources read beside it (approvals,
// channels, GTM folder, exec spool, host crontabs, OpenClaw's files) and the executor of its commands. A standby
// bridge starts it when it takes the gateway's lease and stops it at once when it loses it.
import { enqueueTestAlert, type Db } from '@agent-studio/database';
import { CommandError } from './commands/context';
import type { Logger } from './logger';
import { ApprovalsSource } from './sources/approvals';
import { ChannelsSource } from './sources/channels';
import { GtmFolderSource } from './sources/gtm-folder';
import { CommandExecutor } from './commands/executor';
import { commandHandlers } from './commands/handlers';
import { GatewayConnection, type GatewayTarget } from './sources/gateway-connection';
import { HostCron } from './sources/host-cron';
import { OpenclawFilesSource } from './sources/openclaw-files';
import { shouldReadFiles } from './sources/openclaw-files-format';
import type { AlertDeliveryWorker } from './alerts/delivery-worker';

export interface GatewayWorkOptions {
  db: Db;
  gatewayId: string;
  identityDir: string;
  gateway: GatewayTarget;
  gtmDir?: string;
  logger: Logger;
  /** The name its commands are claimed under. */
  worker: string;
  /** Who serves the gateway, as its row says (the worker, or a standby bridge's lease holder). */
  servedBy: string;
  /**
   * Re-queue every command the gateway's last bridge left running, whoever it was (a standby taking over);
   * else only this worker's (a restart).
   */
  takeover: boolean;
  hostCron?: { crontabs: string[]; spoolDir: string; execCommand: string[] };
  openclawFiles?: { stateDir: string; mode: 'auto' | 'on' | 'off' };
  /**
   * Sends a test alert now (the alert channel test command, which the default gateway's bridge runs); null on a
   * bridge role, which cannot read alert channels (the command then fails saying this bridge sends no alerts).
   */
  alertDeliveries: AlertDeliveryWorker | null;
  onReconciled: () => void;
}

export interface GatewayWork {
  gateway: GatewayConnection;
  gtm: GtmFolderSource | null;
  gtmDir: string | undefined;
  commands: CommandExecutor;
  /** The machine's host cron, when this bridge is given it (imported only while it holds it: sources/host-cron.ts). */
  hostCron: HostCron | null;
  readonly openclawFiles: OpenclawFilesSource | null;
  approvals: ApprovalsSource | null;
  channels: ChannelsSource | null;
  stop(): Promise<void>;
}

export async function startGatewayWork(opts: GatewayWorkOptions): Promise<GatewayWork> {
  const { db, logger, gatewayId, alertDeliveries } = opts;
  const gateway = new GatewayConnection({
    db,
    gatewayId,
    servedBy: opts.servedBy,
    target: opts.gateway,
    identityDir: opts.identityDir,
    logger,
    onReconciled: opts.onReconciled,
  });
  await gateway.start();
  const gatewayParts = gateway.client
    ? { db, gatewayId, logger, client: gateway.client, calls: () => gateway.calls }
    : null;
  const approvals = gatewayParts ? new ApprovalsSource(gatewayParts) : null;
  approvals?.start();
  const channels = gatewayParts ? new ChannelsSource(gatewayParts) : null;
  channels?.start();

  const gtmDir = opts.gtmDir ?? gateway.workspaceDir?.concat('/gtm');
  const gtm = gtmDir
    ? new GtmFolderSource({ db, gatewayId, gtmDir, logger, findAuthor: (path, at) => gateway.findAuthor(path, at) })
    : null;
  await gtm
    ?.start()
    .catch((err) => logger.warn(`GTM folder ${gtmDir} cannot be watched; content will not be imported`, err));
  if (!gtmDir)
    logger.warn('no GTM folder known (set STUDIO_GTM_DIR or OPENCLAW_WORKSPACE): content will not be imported');

  const hostCron = opts.hostCron ? new HostCron({ db, gatewayId, logger, hostCron: opts.hostCron }) : null;
  await hostCron?.start();

  let openclawFiles: OpenclawFilesSource | null = null;
  const readFiles = async (version: string | null) => {
    const files = opts.openclawFiles;
    if (openclawFiles || !files || !shouldReadFiles(files.mode, { configured: gateway.client !== null, version }))
      return;
    openclawFiles = new OpenclawFilesSource({ db, gatewayId, stateDir: files.stateDir, logger });
    await openclawFiles
      .start()
      .catch((err) => logger.warn(`OpenClaw's state files in ${files.stateDir} cannot be read`, err));
  };
  gateway.client?.on('status', (s) => {
    if (s.connected) void readFiles(s.version);
  });
  await readFiles(null);

  const ctx = {
    db,
    gatewayId,
    alerts: alertDeliveries && {
      sendTest: async (channelId: string) => {
        const queued = await enqueueTestAlert(db, channelId);
        const d = await alertDeliveries.sendNow(queued.id);
        if (d?.status === 'failed') throw new CommandError(d.error ?? 'The test alert could not be sent.');
        return { deliveryId: queued.id, status: d?.status ?? 'pending', error: d?.error ?? null };
      },
    },
    logger,
    hostCron: opts.hostCron ?? null,
    gatewayTarget: opts.gateway,
    identityDir: opts.identityDir,
    get gateway() {
      return gateway.calls;
    },
  };
  const commands = new CommandExecutor(db, opts.worker, gatewayId, commandHandlers, ctx, logger, opts.takeover);
  await commands.start();

  return {
    gateway,
    gtm,
    gtmDir,
    commands,
    hostCron,
    get openclawFiles() {
      return openclawFiles;
    },
    approvals,
    channels,
    async stop() {
      await commands.stop();
      await openclawFiles?.stop();
      await hostCron?.stop();
      await gtm?.stop();
      await approvals?.stop();
      await channels?.stop();
      await gateway.stop();
    },
  };
}
