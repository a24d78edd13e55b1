// The bridge daemon: observes OpenClaw (gateway, GTM folder), mirrors it into the database, and executes
// the commands the web app queues. Every part starts and stops here (STYLE.md §8): the work for its gateway
// (gateway-work.ts) and the studio-wide workers (studio-workers.ts). standby.ts runs the same two under leases.
import { hostname } from 'node:os';
import { gatewayOf, type OfGateway } from './of-gateway';
import type { BudgetWatcher } from './budgets/budget-watcher';
import type { ApprovalsSource } from './sources/approvals';
import type { ChannelsSource } from './sources/channels';
import type { GtmFolderSource } from './sources/gtm-folder';
import type { CommandExecutor } from './commands/executor';
import type { GatewayConnection, GatewayTarget } from './sources/gateway-connection';
import type { HostCron } from './sources/host-cron';
import type { OpenclawFilesSource } from './sources/openclaw-files';
import type { WebhookWorker } from './webhooks/webhook-worker';
import type { Watchdog } from './watchdog/watchdog';
import type { AlertEngine } from './alerts/alert-engine';
import type { AlertDeliveryWorker } from './alerts/delivery-worker';
import { startGatewayWork, type GatewayWork } from './gateway-work';
import {
  createAlertDeliveries,
  startStudioWorkers,
  type GatewayLink,
  type StudioWorkerOptions,
  type StudioWorkers,
} from './studio-workers';

export type { GatewayTarget };

/**
 * `gatewayId`: the gateway this bridge serves (its row in `gateways`), which every row it mirrors names, whose
 * commands it claims and whose checkpoints it keeps; the default gateway when left out.
 */
export interface BridgeOptions extends OfGateway, StudioWorkerOptions {
  /** Holds the gateway device key (the studio's data folder). */
  identityDir: string;
  gateway: GatewayTarget;
  /** The watched content folder; defaults to `<workspace>/gtm` from OpenClaw's config. */
  gtmDir?: string;
  /** Stable per bridge, so a restart re-claims the commands it left running. */
  worker?: string;
  /** Host cron: crontab/cron.d files to mirror, the exec spool to import, and how to start `agent-studio exec`. */
  hostCron?: { crontabs: string[]; spoolDir: string; execCommand: string[] };
  /** OpenClaw's state folder and whether to read its pre-2026.6.1 files (`auto`: by the gateway's version). */
  openclawFiles?: { stateDir: string; mode: 'auto' | 'on' | 'off' };
}

export interface Bridge {
  gateway: GatewayConnection;
  gtm: GtmFolderSource | null;
  commands: CommandExecutor;
  hostCron: HostCron | null;
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

/** The name a bridge claims commands under: stable per host, so a restart re-claims what it left running. */
export const workerOf = (opts: Pick<BridgeOptions, 'worker'>): string => opts.worker ?? `bridge@${hostname()}`;

/** What the studio-wide workers see of the gateway work (none yet, or none while standby). */
export function linkTo(work: () => GatewayWork | null): GatewayLink {
  return {
    calls: () => work()?.gateway.calls ?? null,
    folders: () => ({ workspace: work()?.gateway.workspaceDir, gtm: work()?.gtmDir }),
  };
}

/** The gateway's work for these options (`servedBy` and `takeover` differ between a bridge and a standby). */
export function gatewayWorkOf(
  opts: BridgeOptions,
  o: {
    servedBy: string;
    takeover: boolean;
    alertDeliveries: AlertDeliveryWorker | null;
    studio: () => StudioWorkers | null;
  },
): Promise<GatewayWork> {
  return startGatewayWork({
    ...opts,
    gatewayId: gatewayOf(opts),
    // the name the gateway's row is served by: a standby holder's, not its host's (two bridges of one host)
    worker: o.servedBy,
    servedBy: o.servedBy,
    takeover: o.takeover,
    alertDeliveries: o.alertDeliveries,
    onReconciled: () => void o.studio()?.watchdog.check(),
  });
}

/**
 * One more gateway's work beside a bridge that runs the studio-wide workers (the embedded studio's other OpenClaw
 * profiles): no leases, no studio-wide workers of its own.
 */
export async function startGatewayBridge(opts: BridgeOptions): Promise<{ work: GatewayWork; stop(): Promise<void> }> {
  const work = await gatewayWorkOf(opts, {
    servedBy: workerOf(opts),
    takeover: false,
    alertDeliveries: null,
    studio: () => null,
  });
  return { work, stop: () => work.stop() };
}

/** A bridge that works at once, alone on its database (the embedded studio, tests): no leases. */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  let work: GatewayWork | null = null;
  let studio: StudioWorkers | null = null;
  const link = linkTo(() => work);
  const alertDeliveries = createAlertDeliveries(opts, link);
  work = await gatewayWorkOf(opts, {
    servedBy: workerOf(opts),
    takeover: false,
    alertDeliveries,
    studio: () => studio,
  });
  studio = await startStudioWorkers(opts, link, alertDeliveries);
  const { gateway, gtm, commands, hostCron, approvals, channels } = work;
  const gatewayWork = work;
  const workers = studio;
  return {
    gateway,
    gtm,
    commands,
    hostCron,
    get openclawFiles() {
      return gatewayWork.openclawFiles;
    },
    webhooks: workers.webhooks,
    watchdog: workers.watchdog,
    budgets: workers.budgets,
    approvals,
    channels,
    alerts: workers.alerts,
    alertDeliveries,
    async stop() {
      await workers.stop();
      await gatewayWork.stop();
    },
  };
}
