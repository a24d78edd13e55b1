// Outgoing webhooks (issue 7). Follows the event outbox from a checkpoint: each batch of events becomes
// deliveries in the same transaction that moves the checkpoint, so a restart neither skips nor repeats an
// event. Then sends what is due, retrying failures with exponential backoff and jitter.
import {
  claimDueDeliveries,
  enqueueDeliveriesFor,
  getCheckpoint,
  latestEventId,
  listEventsSince,
  msUntilNextDelivery,
  recordDeliveryAttempt,
  setCheckpoint,
  type Db,
  type DueDelivery,
} from '@agent-studio/database';
import { CoalescingRunner } from '@agent-studio/core/coalescing-runner';
import type { Logger } from '../logger';
import { sendWebhook } from './send-webhook';

const CHECKPOINT = ['webhooks', 'outbox'] as const;
const BATCH = 500;
// a claimed delivery is hidden from other bridges for its timeout plus this
const LEASE_MARGIN_MS = 30_000;

export interface WebhookRetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one doubles it (with jitter), up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface WebhookWorkerOptions {
  db: Db;
  logger: Logger;
  retry?: Partial<WebhookRetryPolicy>;
  timeoutMs?: number;
  /** Safety-net poll, for a missed NOTIFY. */
  pollMs?: number;
  /** The address the studio's users open it by (STUDIO_PUBLIC_URL): links in bodies get a full `url` too. */
  publicUrl?: string;
}

export const DEFAULT_RETRY: WebhookRetryPolicy = { attempts: 6, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

/** The wait before attempt `attempt + 1`: base·2^(attempt-1), half of it random so receivers are not stampeded. */
export function retryDelay(policy: WebhookRetryPolicy, attempt: number): number {
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return full / 2 + Math.random() * (full / 2);
}

/** The JSON body a receiver gets; `id` is the delivery id, the same on every retry (for idempotency). */
export const deliveryBody = (d: DueDelivery) =>
  JSON.stringify({ id: d.id, type: d.event_type, createdAt: d.created_at.toISOString(), data: d.payload });

export class WebhookWorker {
  private readonly retry: WebhookRetryPolicy;
  private readonly timeoutMs: number;
  private stopListening: Array<() => Promise<void>> = [];
  private poll: ReturnType<typeof setInterval> | null = null;
  private dueTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly runner = new CoalescingRunner(() => this.pass());

  constructor(private readonly opts: WebhookWorkerOptions) {
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async start(): Promise<void> {
    const { db } = this.opts;
    // the first start begins at the present: webhooks are for what happens from now on
    if ((await getCheckpoint(db, ...CHECKPOINT)) === null)
      await setCheckpoint(db, ...CHECKPOINT, { afterId: await latestEventId(db) });
    this.stopListening = await Promise.all([
      db.listen('studio_events', () => this.wake()),
      db.listen('studio_webhooks', () => this.wake()),
    ]);
    this.poll = setInterval(() => this.wake(), this.opts.pollMs ?? 30_000);
    this.poll.unref();
    this.wake();
  }

  /** Stops after the attempts in flight are recorded. */
  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await Promise.all(this.stopListening.map((stop) => stop()));
    await this.runner.stop();
    if (this.dueTimer) clearTimeout(this.dueTimer);
  }

  wake(): void {
    this.runner.wake();
  }

  private async pass() {
    try {
      await this.follow();
      while (!this.runner.isStopped) {
        const due = await claimDueDeliveries(this.opts.db, this.timeoutMs + LEASE_MARGIN_MS);
        if (!due.length) break;
        await Promise.all(due.map((d) => this.attempt(d)));
      }
      await this.scheduleNextRetry();
    } catch (err) {
      this.opts.logger.warn('webhooks: database unavailable, will retry', err);
    }
  }

  /** Turns new outbox events into deliveries, batch by batch, each batch atomic with its checkpoint. */
  private async follow() {
    const { db } = this.opts;
    for (;;) {
      const moved = await db.transaction(async (tx) => {
        const { afterId } = (await getCheckpoint<{ afterId: string }>(tx, ...CHECKPOINT)) ?? { afterId: '0' };
        const events = await listEventsSince(tx, { afterId, limit: BATCH });
        if (!events.length) return 0;
        await enqueueDeliveriesFor(tx, events, { publicUrl: this.opts.publicUrl });
        await setCheckpoint(tx, ...CHECKPOINT, { afterId: events.at(-1)!.id });
        return events.length;
      });
      if (moved < BATCH || this.runner.isStopped) return;
    }
  }

  private async attempt(d: DueDelivery) {
    const result = await sendWebhook(
      {
        url: d.url,
        secret: d.secret,
        deliveryId: d.id,
        eventType: d.event_type,
        body: deliveryBody(d),
        allowPrivateNetwork: d.allow_private_network,
      },
      this.timeoutMs,
    );
    if (result.ok) return recordDeliveryAttempt(this.opts.db, d, result);
    const retryInMs = result.retryable && d.attempts < this.retry.attempts ? retryDelay(this.retry, d.attempts) : null;
    await recordDeliveryAttempt(this.opts.db, d, {
      ok: false,
      responseStatus: result.responseStatus,
      error: result.error,
      retryInMs,
    });
    this.opts.logger.warn(
      `webhook delivery ${d.id} attempt ${d.attempts}${retryInMs === null ? ' (last)' : ''}: ${result.detail ?? result.error}`,
    );
  }

  private async scheduleNextRetry() {
    if (this.dueTimer) clearTimeout(this.dueTimer);
    const ms = await msUntilNextDelivery(this.opts.db);
    if (ms === null || this.runner.isStopped) return;
    this.dueTimer = setTimeout(() => this.wake(), ms + 10);
    this.dueTimer.unref();
  }
}
