// Publishes scheduled content when its time comes: once a second it claims the approved items that are due
// and queues their `gtm.publish` command (the same one the owner's Publish button queues). The claim is a
// database condition, so a restart or a second bridge never publishes an item twice.
import { claimDueScheduledOutputs, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';

const EVERY_MS = 1_000;

export class ScheduledPublisher {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private tick(): Promise<void> {
    this.ticking ??= this.db
      .transaction((tx) => claimDueScheduledOutputs(tx))
      .then((claimed) => {
        for (const c of claimed) this.logger.info(`scheduled publishing: content ${c.outputId} is due; queued command ${c.commandId}`);
      })
      .catch((err) => this.logger.warn('scheduled publishing: check skipped, will retry', err))
      .finally(() => (this.ticking = null));
    return this.ticking;
  }
}
