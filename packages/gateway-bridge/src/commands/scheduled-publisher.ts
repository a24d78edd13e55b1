// Publishes scheduled content when its time comes: it claims the approved items that are due and queues
// their `gtm.publish` command (the same one the owner's Publish button queues). The claim is a database
// condition, so a restart or a second bridge never publishes an item twice. It looks once a second, but asks
// the database only when the next item is due or something changed (a schedule set is an event).
import { claimDueScheduledOutputs, msUntilNextScheduledOutput, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';
import { OutboxWatch } from '../outbox-watch';

const EVERY_MS = 1_000;

export class ScheduledPublisher extends OutboxWatch {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    super({ db, logger, everyMs: EVERY_MS, failure: 'scheduled publishing: check skipped, will retry' });
  }

  /** Queues the due items; resolves to when the next one is due. */
  protected async pass(): Promise<number> {
    const claimed = await this.db.transaction((tx) => claimDueScheduledOutputs(tx));
    for (const c of claimed)
      this.logger.info(`scheduled publishing: content ${c.outputId} is due; queued command ${c.commandId}`);
    const dueInMs = await msUntilNextScheduledOutput(this.db);
    return Date.now() + (dueInMs ?? Infinity);
  }
}
