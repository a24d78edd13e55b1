import type { Db } from '@agent-studio/database';
import type { Logger } from './logger';
import { OutboxChanges } from './outbox-changes';

// in case a notification was missed
const PASS_AT_LEAST_EVERY_MS = 60_000;

export interface OutboxWatchOptions {
  db: Db;
  logger: Logger;
  /** How often it considers a pass. */
  everyMs: number;
  /** What the log says when a pass fails (it is tried again at the next tick). */
  failure: string;
}

/**
 * A periodic pass over the database that runs only when it may find something new: after the event outbox moved,
 * when the last pass said the next is due, or once a minute. One pass at a time; `stop()` waits for the one running.
 */
export abstract class OutboxWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly changes: OutboxChanges;
  private nextPassAt = 0;

  constructor(private readonly watch: OutboxWatchOptions) {
    this.changes = new OutboxChanges(watch.db);
  }

  /** One pass; it may resolve to when (epoch ms) the next is due whether or not anything changes. */
  protected abstract pass(): Promise<number | void>;

  async start(): Promise<void> {
    await this.changes.start();
    this.timer = setInterval(() => this.tick(), this.watch.everyMs);
    this.timer.unref();
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.changes.stop();
    await this.running;
  }

  private tick() {
    if (this.running) return;
    const now = Date.now();
    if (!this.changes.take() && now < this.nextPassAt) return;
    this.nextPassAt = now + PASS_AT_LEAST_EVERY_MS;
    this.running = this.pass()
      .then((dueAt) => {
        if (dueAt !== undefined) this.nextPassAt = Math.min(this.nextPassAt, dueAt);
      })
      .catch((err) => {
        this.nextPassAt = 0; // again at the next tick
        this.watch.logger.warn(this.watch.failure, err);
      })
      .finally(() => (this.running = null));
  }
}
