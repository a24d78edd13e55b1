import type { Db } from '@agent-studio/database';

/**
 * Whether the event outbox moved since the last look. Every change in the studio is an event (NOTIFY
 * studio_events), so a periodic check that sees none can skip its query: an idle bridge asks the database
 * nothing, which on PGlite (a query costs ~10 ms of CPU) is what keeps it idle.
 */
export class OutboxChanges {
  // the first look always checks
  private changed = true;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: Db) {}

  async start(): Promise<void> {
    this.unlisten = await this.db.listen('studio_events', () => (this.changed = true));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
  }

  /** True when there was an event since the last call. */
  take(): boolean {
    const changed = this.changed;
    this.changed = false;
    return changed;
  }
}
