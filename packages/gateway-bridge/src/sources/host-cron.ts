// A machine's host cron as one bridge's work (host-cron/owner.ts says which): the exec spool imported and the
// crontabs named to the bridge mirrored. A bridge of the same gateway that finds another holding them asks again
// now and then, and takes over once that one has stopped; another gateway's bridge leaves them, saying so.
import { getGateway, type Db } from '@agent-studio/database';
import { claimHostCron, hostCronOwnerFile } from '../host-cron/owner';
import type { Logger } from '../logger';
import { ExecSpoolSource } from './exec-spool';
import { HostCrontabSource } from './host-crontab';

const ASK_AGAIN_MS = 30_000;

export class HostCron {
  spool: ExecSpoolSource | null = null;
  crontabs: HostCrontabSource | null = null;
  private release: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private claiming: Promise<void> = Promise.resolve();

  constructor(
    private readonly opts: {
      db: Db;
      gatewayId: string;
      logger: Logger;
      hostCron: { crontabs: string[]; spoolDir: string };
      askAgainMs?: number;
    },
  ) {}

  async start(): Promise<void> {
    const { db, gatewayId, logger, hostCron } = this.opts;
    const claimed = claimHostCron(hostCron.spoolDir, gatewayId);
    if ('release' in claimed) return this.work(claimed.release);
    if (claimed.gatewayId !== gatewayId) {
      const owner = (await getGateway(db, claimed.gatewayId).catch(() => null))?.name ?? claimed.gatewayId;
      logger.info(
        `host cron of this machine (${hostCron.spoolDir}) is gateway ${owner}'s: its bridge imports it, not this ` +
          `one. To move it to this gateway, stop that bridge and remove ${hostCronOwnerFile(hostCron.spoolDir)}`,
      );
      return;
    }
    logger.info(
      `host cron of this machine (${hostCron.spoolDir}) is imported by another bridge of this gateway (process ` +
        `${claimed.heldBy}): this one takes over if that one stops`,
    );
    this.timer = setInterval(() => {
      this.claiming = this.claiming
        .then(async () => {
          const again = this.release ? null : claimHostCron(hostCron.spoolDir, gatewayId);
          if (again && 'release' in again) await this.work(again.release);
        })
        // a spool folder that cannot be read now is asked again next time
        .catch((err) => logger.warn(`host cron of this machine (${hostCron.spoolDir}) not taken over yet`, err));
    }, this.opts.askAgainMs ?? ASK_AGAIN_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.claiming;
    await this.crontabs?.stop();
    await this.spool?.stop();
    this.release?.();
    this.release = null;
  }

  private async work(release: () => void): Promise<void> {
    const { db, gatewayId, logger, hostCron } = this.opts;
    this.release = release;
    if (this.timer) clearInterval(this.timer);
    this.spool = new ExecSpoolSource({ db, gatewayId, spoolDir: hostCron.spoolDir, logger });
    await this.spool
      .start()
      .catch((err) =>
        logger.warn(`exec spool ${hostCron.spoolDir} cannot be watched; exec runs will not be imported`, err),
      );
    if (hostCron.crontabs.length) {
      this.crontabs = new HostCrontabSource({ db, gatewayId, files: hostCron.crontabs, logger });
      await this.crontabs.start();
    }
  }
}
