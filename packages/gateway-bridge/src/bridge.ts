// The bridge daemon: observes OpenClaw (gateway, GTM folder), mirrors it into the database, and executes
// the commands the web app queues. Every part starts and stops here (STYLE.md §8).
import { hostname } from 'node:os';
import { enqueueTestAlert, type Db } from '@agent-studio/database';
import { CommandError } from './commands/context';
import type { Logger } from './logger';
import { gatewayOf, type OfGateway } from './of-gateway';
import { BudgetWatcher } from './budgets/budget-watcher';
import { ApprovalsSource } from './sources/approvals';
import { ChannelsSource } from './sources/channels';
import { GtmFolderSource } from './sources/gtm-folder';
import { Housekeeping } from './housekeeping';
import { CommandExecutor } from './commands/executor';
import { commandHandlers } from './commands/handlers';
import { ScheduledPublisher } from './commands/scheduled-publisher';
import { GatewayConnection, type GatewayTarget } from './sources/gateway-connection';
import { MetricsSampler } from './sources/metrics-sampler';
import { ExecSpoolSource } from './sources/exec-spool';
import { HostCrontabSource } from './sources/host-crontab';
import { OpenclawFilesSource } from './sources/openclaw-files';
import { shouldReadFiles } from './sources/openclaw-files-format';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/webhook-worker';
import { Watchdog } from './watchdog/watchdog';
import { AlertEngine, type AlertEngineOptions } from './alerts/alert-engine';
import { AlertDeliveryWorker, type AlertDeliveryWorkerOptions } from './alerts/delivery-worker';
import { loadOrCreateSealingKey } from './alerts/sealing-key';
import { loadOrCreateVapidKeys } from './alerts/vapid';
import { SOURCE } from './mirror/translate';

export type { GatewayTarget };

/**
 * `gatewayId`: the gateway this bridge serves (its row in `gateways`), which every row it mirrors names, whose
 * commands it claims and whose checkpoints it keeps; the default gateway when left out.
 */
export interface BridgeOptions extends OfGateway {
  db: Db;
  /** Holds the gateway device key (the studio's data folder). */
  identityDir: string;
  gateway: GatewayTarget;
  /** The watched content folder; defaults to `<workspace>/gtm` from OpenClaw's config. */
  gtmDir?: string;
  logger: Logger;
  /** Stable per bridge, so a restart re-claims the commands it left running. */
  worker?: string;
  /** Host cron: crontab/cron.d files to mirror, the exec spool to import, and how to start `agent-studio exec`. */
  hostCron?: { crontabs: string[]; spoolDir: string; execCommand: string[] };
  /** OpenClaw's state folder and whether to read its pre-2026.6.1 files (`auto`: by the gateway's version). */
  openclawFiles?: { stateDir: string; mode: 'auto' | 'on' | 'off' };
  /** Retry policy and timeouts of outgoing webhooks (defaults: 6 attempts, 10 s timeout). */
  webhooks?: Omit<WebhookWorkerOptions, 'db' | 'logger'>;
  /** The watchdog's grace for a late run and its wait before judging a finished one (defaults: 10 min, 1 min). */
  watchdog?: { graceMs?: number; settleMs?: number; intervalMs?: number };
  /** How often running sessions are checked against their budgets (default 2 s). */
  budgetCheckMs?: number;
  /** Alerts (issue 19): the engine's tick and update spacing, and the deliveries' retry policy and timeout. */
  alerts?: {
    engine?: Omit<AlertEngineOptions, 'db' | 'logger'>;
    delivery?: Omit<AlertDeliveryWorkerOptions, 'db' | 'logger' | 'keys' | 'gateway'>;
  };
}

export interface Bridge {
  gateway: GatewayConnection;
  gtm: GtmFolderSource | null;
  commands: CommandExecutor;
  spool: ExecSpoolSource | null;
  crontabs: HostCrontabSource | null;
  /** Started once it is known the files are the way to read this OpenClaw. */
  readonly openclawFiles: OpenclawFilesSource | null;
  webhooks: WebhookWorker;
  watchdog: Watchdog;
  budgets: BudgetWatcher;
  /** OpenClaw's approvals and channels (the inbox, the dashboard); null when OpenClaw is not configured. */
  approvals: ApprovalsSource | null;
  channels: ChannelsSource | null;
  alerts: AlertEngine;
  alertDeliveries: AlertDeliveryWorker;
  stop(): Promise<void>;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { db, logger } = opts;
  const gatewayId = gatewayOf(opts);
  const worker = opts.worker ?? `bridge@${hostname()}`;
  // the gateway's runs are all known up to its last reconcile (the watchdog looks then); other sources write
  // their runs directly
  const watchdog: Watchdog = new Watchdog({
    db,
    logger,
    knownUntil: (source) => (source === SOURCE ? gateway.reconciledAt : new Date()),
    ...opts.watchdog,
  });
  const gateway = new GatewayConnection({
    db,
    gatewayId,
    servedBy: worker,
    target: opts.gateway,
    identityDir: opts.identityDir,
    logger,
    onReconciled: () => void watchdog.check(),
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

  const metrics = new MetricsSampler({
    db,
    logger,
    gatewayUp: () => gateway.calls !== null,
    folders: { workspace: gateway.workspaceDir, gtm: gtmDir },
  });
  metrics.start();
  const housekeeping = new Housekeeping({ db, logger });
  housekeeping.start();
  watchdog.start();

  const spool = opts.hostCron ? new ExecSpoolSource({ db, gatewayId, spoolDir: opts.hostCron.spoolDir, logger }) : null;
  await spool
    ?.start()
    .catch((err) =>
      logger.warn(`exec spool ${opts.hostCron!.spoolDir} cannot be watched; exec runs will not be imported`, err),
    );
  const crontabs = opts.hostCron?.crontabs.length
    ? new HostCrontabSource({ db, gatewayId, files: opts.hostCron.crontabs, logger })
    : null;
  await crontabs?.start();

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

  // alerts start before the gateway matters: they are what tells the owner it is away
  const alertDeliveries = new AlertDeliveryWorker({
    db,
    logger,
    keys: loadOrCreateSealingKey(opts.identityDir),
    vapid: {
      ...loadOrCreateVapidKeys(opts.identityDir),
      // push services want a contact: the studio's https address, else a placeholder mailbox
      subject: opts.webhooks?.publicUrl?.startsWith('https:')
        ? opts.webhooks.publicUrl
        : 'mailto:alerts@agent-studio.invalid',
    },
    gateway: () => gateway.calls,
    ...opts.alerts?.delivery,
  });
  await alertDeliveries.start();
  const alerts = new AlertEngine({ db, logger, publicUrl: opts.webhooks?.publicUrl, ...opts.alerts?.engine });
  await alerts.start();

  const ctx = {
    db,
    gatewayId,
    alerts: {
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
  const commands = new CommandExecutor(db, worker, gatewayId, commandHandlers, ctx, logger);
  await commands.start();
  const publisher = new ScheduledPublisher(db, logger);
  await publisher.start();

  const webhooks = new WebhookWorker({ db, logger, ...opts.webhooks });
  await webhooks.start();
  const budgets = new BudgetWatcher({ db, logger, everyMs: opts.budgetCheckMs });
  await budgets.start();

  return {
    gateway,
    gtm,
    commands,
    spool,
    crontabs,
    get openclawFiles() {
      return openclawFiles;
    },
    webhooks,
    watchdog,
    budgets,
    approvals,
    channels,
    alerts,
    alertDeliveries,
    async stop() {
      await alerts.stop();
      await alertDeliveries.stop();
      metrics.stop();
      await housekeeping.stop();
      await watchdog.stop();
      await publisher.stop();
      await webhooks.stop();
      await budgets.stop();
      await commands.stop();
      await openclawFiles?.stop();
      await crontabs?.stop();
      await spool?.stop();
      await gtm?.stop();
      await approvals?.stop();
      await channels?.stop();
      await gateway.stop();
    },
  };
}
