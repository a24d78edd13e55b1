// Standby bridges (issue 18, step 3): several bridges may serve one gateway and run on one database. A bridge
// works for its gateway only while it holds the gateway's lease, and runs the studio-wide workers only while it
// holds the studio lease (lease.ts); otherwise it waits, and takes over once the holder stops renewing (it died,
// its host was lost). A takeover is a restart: the gateway's checkpoints say where the mirror got to, and the
// commands the last holder left running are queued again. A bridge restarted after its own crash takes its dead
// predecessor's leases at once (predecessor.ts).
import { randomBytes } from 'node:crypto';
import { gatewayLeaseKey, getGateway, STUDIO_LEASE_KEY } from '@agent-studio/database';
import { currentRole, mayRunStudioWorkers } from '@agent-studio/database/bridge-role';
import { gatewayWorkOf, linkTo, workerOf, type BridgeOptions } from './bridge';
import type { GatewayWork } from './gateway-work';
import { Lease, type LeaseTiming } from './lease';
import { deadPredecessor, recordHolder } from './predecessor';
import { gatewayOf } from './of-gateway';
import { createAlertDeliveries, startStudioWorkers, type StudioWorkers } from './studio-workers';

export interface StandbyBridgeOptions extends BridgeOptions {
  lease?: LeaseTiming;
  /** false: serve the gateway only, never competing for the studio lease (another of the process's bridges does). */
  studioWorkers?: boolean;
}

export interface StandbyBridge {
  /** This process, as the leases and the gateway's served_by name it. */
  holder: string;
  /** The gateway's work while this bridge holds its lease, else null. */
  readonly work: GatewayWork | null;
  /** The studio-wide workers while this bridge holds the studio lease, else null (always, on a bridge role). */
  readonly studio: StudioWorkers | null;
  stop(): Promise<void>;
}

export async function startStandbyBridge(opts: StandbyBridgeOptions): Promise<StandbyBridge> {
  const { db, logger } = opts;
  const gatewayId = gatewayOf(opts);
  const holder = `${workerOf(opts)}#${process.pid}.${randomBytes(3).toString('hex')}`;
  const name = (await getGateway(db, gatewayId))?.name ?? gatewayId;
  const replacing = deadPredecessor(opts.identityDir, gatewayId);
  recordHolder(opts.identityDir, gatewayId, holder);
  let work: GatewayWork | null = null;
  let studio: StudioWorkers | null = null;
  const link = linkTo(() => work);
  // a bridge role (agent-studio bridge-role) cannot read webhooks or alert channels, whose secrets the studio-wide
  // workers need: it serves its gateway only, and never competes for the studio lease
  const studioWide = opts.studioWorkers !== false && (await mayRunStudioWorkers(db));
  if (!studioWide && opts.studioWorkers !== false)
    logger.info(
      `database role ${await currentRole(db)} may not run the studio-wide workers (webhooks, alerts, watchdog, ` +
        "budgets, housekeeping, scheduled publishing, metrics): they are left to a bridge that may, the studio's own",
    );
  const alertDeliveries = studioWide ? createAlertDeliveries(opts, link) : null;

  const gatewayLease = new Lease({
    ...opts.lease,
    db,
    logger,
    holder,
    replacing,
    key: gatewayLeaseKey(gatewayId),
    what: `gateway ${name}`,
    onAcquired: async () => {
      work = await gatewayWorkOf(opts, { servedBy: holder, takeover: true, alertDeliveries, studio: () => studio });
    },
    onLost: async () => {
      const stopping = work;
      work = null;
      await stopping?.stop();
    },
  });
  const studioLease =
    alertDeliveries &&
    new Lease({
      ...opts.lease,
      db,
      logger,
      holder,
      replacing,
      key: STUDIO_LEASE_KEY,
      what: 'the studio-wide workers',
      onAcquired: async () => {
        studio = await startStudioWorkers(opts, link, alertDeliveries);
      },
      onLost: async () => {
        const stopping = studio;
        studio = null;
        await stopping?.stop();
      },
    });
  await gatewayLease.start();
  if (studioLease) await studioLease.start();

  return {
    holder,
    get work() {
      return work;
    },
    get studio() {
      return studio;
    },
    async stop() {
      if (studioLease) await studioLease.stop();
      await gatewayLease.stop();
    },
  };
}
