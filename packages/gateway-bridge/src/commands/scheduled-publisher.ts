// Publishes scheduled content when its time comes: it claims the approved items that are due and queues
// their `gtm.publish` command (the same one the owner's Publish button queues). The claim is a database
// condition, so a restart or a second bridge never publishes an item twice. It looks once a second, but asks
// the database only when the next item is due or something changed (a schedule set is an event).
import { claimDueScheduledOutputs, msUntilNextScheduledOutput, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';
import { OutboxChanges } from '../outbox-changes';

const EVERY_MS = 1_000;
// in case a notification was missed
const CHECK_AT_LEAST_EVERY_MS = 60_000;

export class ScheduledPublisher {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly changes: OutboxChanges;
  private nextCheckAt = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.changes = new OutboxChanges(db);
  }

  async start(): Promise<void> {
    await this.changes.start();
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.changes.stop();
    await this.ticking;
  }

  private tick(): void {
    if (this.ticking || (!this.changes.take() && Date.now() < this.nextCheckAt)) return;
    this.ticking = this.check()
      .catch((err) => {
        this.nextCheckAt = 0;
        this.logger.warn('scheduled publishing: check skipped, will retry', err);
      })
      .finally(() => (this.ticking = null));
  }

  private async check() {
    const claimed = await this.db.transaction((tx) => claimDueScheduledOutputs(tx));
    for (const c of claimed)
      this.logger.info(`scheduled publishing: content ${c.outputId} is due; queued command ${c.commandId}`);
    const dueInMs = await msUntilNextScheduledOutput(this.db);
    this.nextCheckAt = Date.now() + Math.min(dueInMs ?? Infinity, CHECK_AT_LEAST_EVERY_MS);
  }
}
