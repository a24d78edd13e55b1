// The studio-wide workers (issue 18, step 3): they act on the whole database, not on one gateway (webhooks,
// alerts, the watchdog, the budget watcher, housekeeping, scheduled publishing, the metrics sampler), so with
// several bridges on one database they run in one of them only: the holder of the 'studio' lease.
import type { Db } from '@agent-studio/database';
import type { GatewayCalls } from './commands/context';
import type { Logger } from './logger';
import { BudgetWatcher } from './budgets/budget-watcher';
import { Housekeeping } from './housekeeping';
import { ScheduledPublisher } from './commands/scheduled-publisher';
import { MetricsSampler } from './sources/metrics-sampler';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/webhook-worker';
import { Watchdog } from './watchdog/watchdog';
import { AlertEngine, type AlertEngineOptions } from './alerts/alert-engine';
import { AlertDeliveryWorker, type AlertDeliveryWorkerOptions } from './alerts/delivery-worker';
import { loadOrCreateSealingKey } from './alerts/sealing-key';
import { loadOrCreateVapidKeys } from './alerts/vapid';

export interface StudioWorkerOptions {
  db: Db;
  logger: Logger;
  /** Where the alerts' sealing and VAPID keys are kept (the studio's data folder). */
  identityDir: string;
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

/** What the workers see of the gateway this bridge serves: nothing while it is standby for it. */
export interface GatewayLink {
  calls(): GatewayCalls | null;
  folders(): { workspace?: string; gtm?: string };
}

export interface StudioWorkers {
  webhooks: WebhookWorker;
  watchdog: Watchdog;
  budgets: BudgetWatcher;
  alerts: AlertEngine;
  alertDeliveries: AlertDeliveryWorker;
  stop(): Promise<void>;
}

/** The alert deliveries: built once per bridge, since a test alert (a command) is sent through them anyway. */
export function createAlertDeliveries(opts: StudioWorkerOptions, link: GatewayLink): AlertDeliveryWorker {
  return new AlertDeliveryWorker({
    db: opts.db,
    logger: opts.logger,
    keys: loadOrCreateSealingKey(opts.identityDir),
    vapid: {
      ...loadOrCreateVapidKeys(opts.identityDir),
      // push services want a contact: the studio's https address, else a placeholder mailbox
      subject: opts.webhooks?.publicUrl?.startsWith('https:')
        ? opts.webhooks.publicUrl
        : 'mailto:alerts@agent-studio.invalid',
    },
    gateway: () => link.calls(),
    ...opts.alerts?.delivery,
  });
}

export async function startStudioWorkers(
  opts: StudioWorkerOptions,
  link: GatewayLink,
  alertDeliveries: AlertDeliveryWorker,
): Promise<StudioWorkers> {
  const { db, logger } = opts;
  // a gateway's runs are all known up to its last reconcile, each gateway's as its bridge recorded it
  const watchdog = new Watchdog({ db, logger, ...opts.watchdog });
  const metrics = new MetricsSampler({ db, logger, gatewayUp: () => link.calls() !== null, folders: link.folders() });
  metrics.start();
  const housekeeping = new Housekeeping({ db, logger });
  housekeeping.start();
  watchdog.start();

  // alerts start before the gateway matters: they are what tells the owner it is away
  await alertDeliveries.start();
  const alerts = new AlertEngine({ db, logger, publicUrl: opts.webhooks?.publicUrl, ...opts.alerts?.engine });
  await alerts.start();

  const publisher = new ScheduledPublisher(db, logger);
  await publisher.start();
  const webhooks = new WebhookWorker({ db, logger, ...opts.webhooks });
  await webhooks.start();
  const budgets = new BudgetWatcher({ db, logger, everyMs: opts.budgetCheckMs });
  await budgets.start();

  return {
    webhooks,
    watchdog,
    budgets,
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
    },
  };
}
