// The database's upkeep, from the bridge: every minute the run and usage rollups' new delta rows are merged
// (migration 0020); at start and then hourly, agent logs (the seed's cleanup_old_agent_logs) and events older
// than 30 days are removed (and alert incidents resolved, test alerts sent, that long ago), and an embedded database is vacuumed (PGlite has no autovacuum).
import {
  compactRollups,
  deleteEventsBefore,
  deleteOldAgentLogs,
  deleteOldAlerts,
  vacuumAnalyze,
  type Db,
} from '@agent-studio/database';
import type { Logger } from './logger';

const MINUTE = 60_000;
const HOURLY = 60; // minutes
// as long as agent logs: an SSE client or webhook worker away for longer starts from the present
const EVENT_RETENTION_MS = 30 * 24 * 60 * MINUTE;

export class Housekeeping {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private minutes = 0;

  constructor(private readonly opts: { db: Db; logger: Logger }) {}

  start(): void {
    const tick = () => {
      const hourly = this.minutes++ % HOURLY === 0; // at start, then hourly
      this.running = this.running.then(() => this.run(hourly));
    };
    tick();
    this.timer = setInterval(tick, MINUTE);
    this.timer.unref();
  }

  private async run(hourly: boolean): Promise<void> {
    const { db, logger } = this.opts;
    const attempt = (what: string, task: () => Promise<unknown>, again: string) =>
      task().catch((err) => logger.warn(`housekeeping: ${what} failed (tried again ${again})`, err));
    await attempt('merging the run and usage rollups', () => compactRollups(db), 'in a minute');
    if (!hourly) return;
    await attempt('removing agent logs older than 30 days', () => deleteOldAgentLogs(db), 'in an hour');
    await attempt(
      'removing events older than 30 days',
      () => deleteEventsBefore(db, new Date(Date.now() - EVENT_RETENTION_MS)),
      'in an hour',
    );
    await attempt(
      'removing alert incidents resolved, and test alerts sent, more than 30 days ago',
      () => deleteOldAlerts(db, new Date(Date.now() - EVENT_RETENTION_MS)),
      'in an hour',
    );
    if (db.kind === 'pglite') await attempt('vacuuming the embedded database', () => vacuumAnalyze(db), 'in an hour');
  }

  /** Stops the timer and waits for a task under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
