// The database's upkeep, from the bridge: every minute the run and usage rollups' new delta rows are merged
// (migration 0020); every hour agent logs older than 30 days are removed (the seed's cleanup_old_agent_logs).
import { compactRollups, deleteOldAgentLogs, type Db } from '@agent-studio/database';
import type { Logger } from './logger';

const MINUTE = 60_000;
const LOG_RETENTION_EVERY = 60; // minutes

export class Housekeeping {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private minutes = 0;

  constructor(private readonly opts: { db: Db; logger: Logger }) {}

  start(): void {
    const tick = () => {
      const retention = this.minutes++ % LOG_RETENTION_EVERY === 0; // at start, then hourly
      this.running = this.running.then(() => this.run(retention));
    };
    tick();
    this.timer = setInterval(tick, MINUTE);
    this.timer.unref();
  }

  private async run(retention: boolean): Promise<void> {
    const { db, logger } = this.opts;
    await compactRollups(db).catch((err) => logger.warn('housekeeping: merging the run and usage rollups failed (tried again in a minute)', err));
    if (retention) await deleteOldAgentLogs(db).catch((err) => logger.warn('housekeeping: removing agent logs older than 30 days failed (tried again in an hour)', err));
  }

  /** Stops the timer and waits for a task under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
