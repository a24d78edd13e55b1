// Live gateway events, in order: each one an idempotent upsert plus its event, in one transaction (DESIGN.md
// "Project"). A record that cannot be read or written is logged and skipped, never fatal.
import { markCronJobRemoved, markSessionDeleted, upsertCronJob, type Db } from '@agent-studio/database';
import type { GatewayEvent } from '../gateway/client';
import type { Logger } from '../logger';
import { onAgent, onTask } from './agent-events';
import type { ChatLines } from './chat-lines';
import type { LiveMarks } from './live-order';
import { recordPresence, recordRuns, writeSession } from './rows';
import { cronEventSchema, cronJobSchema, cronRunSchema, sessionDeletedSchema, sessionRowSchema } from './schemas';
import { SOURCE, cronJobIdOfKey, mirroredSessionKey, toCronJobInput, type MessageLine } from './translate';

// chat messages written in one transaction at most
const LOG_BATCH = 500;

export class LiveEvents {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly live: LiveMarks,
    private readonly chat: ChatLines,
    /** The gateway the events are of. */
    private readonly gatewayId: string,
  ) {}

  /**
   * Chat messages that follow each other are written together (a burst of them would otherwise cost a
   * transaction each). False when a record was skipped, so the caller catches up from the gateway's lists.
   */
  async handleAll(events: readonly GatewayEvent[]): Promise<boolean> {
    let ok = true;
    let lines: MessageLine[] = [];
    const flush = async () => {
      if (lines.length) ok = (await this.chat.write(lines)) && ok;
      lines = [];
    };
    for (const e of events) {
      if (e.event === 'session.message') {
        const m = this.chat.liveLine(e.payload);
        if (m) lines.push(m);
        if (lines.length < LOG_BATCH) continue;
      }
      await flush();
      if (e.event !== 'session.message') ok = (await this.handle(e)) && ok;
    }
    await flush();
    return ok;
  }

  private async handle(e: GatewayEvent): Promise<boolean> {
    try {
      switch (e.event) {
        case 'cron':
          await this.onCron(e.payload);
          break;
        case 'sessions.changed': {
          const deleted = sessionDeletedSchema.safeParse(e.payload);
          if (deleted.success) {
            await this.onDeleted(deleted.data.sessionKey, deleted.data.ts);
            break;
          }
          const p = e.payload as { session?: unknown };
          const s = sessionRowSchema.safeParse(p?.session);
          if (s.success) {
            this.live.touch(mirroredSessionKey(s.data));
            await this.db.transaction((tx) => writeSession(tx, this.gatewayId, s.data));
          }
          break;
        }
        // 2026.9.6 streams tool activity to session subscribers as `session.tool` (same payload as an
        // `agent` event with stream 'tool'), not as `agent` events
        case 'agent':
        case 'session.tool':
          await onAgent(this.db, this.gatewayId, this.live, e.payload);
          break;
        case 'task':
          await onTask(this.db, this.gatewayId, this.live, e.payload);
          break;
        case 'presence':
          await recordPresence(this.db, this.gatewayId, e.payload);
          break;
      }
      return true;
    } catch (err) {
      this.logger.warn(`gateway: ${e.event} event not mirrored`, err);
      return false;
    }
  }

  /**
   * A session the gateway deleted keeps its record, marked; a cron job's run sessions are left as they are (its
   * runs name them, and the gateway still lists the runs).
   */
  private async onDeleted(key: string, ts: number | null | undefined) {
    if (cronJobIdOfKey(key)) return;
    this.live.touch(key);
    await this.db.transaction((tx) => markSessionDeleted(tx, key, new Date(ts ?? Date.now()), this.gatewayId));
  }

  private async onCron(payload: unknown) {
    const ev = cronEventSchema.parse(payload);
    this.live.touch(`job:${ev.jobId}`);
    if (ev.action === 'removed') {
      await this.db.transaction((tx) => markCronJobRemoved(tx, SOURCE, ev.jobId, this.gatewayId));
      return;
    }
    const job = cronJobSchema.safeParse(ev.job);
    const run =
      (ev.action === 'started' || ev.action === 'finished') && ev.runAtMs
        ? cronRunSchema.safeParse(ev.action === 'started' ? { jobId: ev.jobId, runAtMs: ev.runAtMs } : payload)
        : null;
    // one transaction: a live run is in the database as soon as possible
    await this.db.transaction(async (tx) => {
      if (job.success) await upsertCronJob(tx, { ...toCronJobInput(job.data), gatewayId: this.gatewayId });
      if (!run?.success) return;
      // the runs checkpoint is moved by the reconcile (every minute), which reads back past it anyway
      await recordRuns(tx, this.gatewayId, [run.data]);
    });
    if (run?.error) throw run.error;
  }
}
