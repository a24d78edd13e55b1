// Sends alert deliveries (issue 19), as the webhook worker sends webhooks: claims what is due (a NOTIFY on
// each new delivery wakes it), opens the channel's secret with the bridge's key, tries once, and records the
// outcome; a failure another attempt could fix is retried with backoff and jitter, up to the policy's
// attempts; then, or at once when retrying cannot help, it gives up with the reason in the delivery log.
import { alertChannelConfigSchemas } from '@agent-studio/core/alert-channels';
import { CoalescingRunner } from '@agent-studio/core/coalescing-runner';
import { openSecret, SealedForAnotherKeyError, type SealingKeyPair } from '@agent-studio/core/sealed-secret';
import {
  claimDueAlertDeliveries,
  getAlertDelivery,
  msUntilNextAlertDelivery,
  publishAlertVapidKey,
  recordAlertAttempt,
  type AlertDeliveryRow,
  type Db,
  type DueAlertDelivery,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { Logger } from '../logger';
import { retryDelay, type WebhookRetryPolicy } from '../webhooks/webhook-worker';
import { channelSenders } from './channels';
import type { SendResult } from './channels/sender';
import { publishSealingKey } from './sealing-key';

const LEASE_MARGIN_MS = 30_000;

export const DEFAULT_ALERT_RETRY: WebhookRetryPolicy = { attempts: 5, baseDelayMs: 30_000, maxDelayMs: 1_800_000 };

export interface AlertDeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  keys: SealingKeyPair;
  /** The gateway, while connected (for channels that send through OpenClaw). */
  gateway: () => GatewayCalls | null;
  retry?: Partial<WebhookRetryPolicy>;
  timeoutMs?: number;
  /** Safety-net poll, for a missed NOTIFY. */
  pollMs?: number;
  /** VAPID keys and subject for Web Push (published at start). */
  vapid?: { publicKey: string; privateKey: string; subject: string };
}

const failed = (error: string, retryable = false): Extract<SendResult, { ok: false }> => ({
  ok: false,
  responseStatus: null,
  answer: null,
  error,
  retryable,
});

export class AlertDeliveryWorker {
  private readonly retry: WebhookRetryPolicy;
  private readonly timeoutMs: number;
  private stopListening: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private dueTimer: NodeJS.Timeout | null = null;
  private readonly runner = new CoalescingRunner(() => this.pass());

  constructor(private readonly opts: AlertDeliveryWorkerOptions) {
    this.retry = { ...DEFAULT_ALERT_RETRY, ...opts.retry };
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async start(): Promise<void> {
    await publishSealingKey(this.opts.db, this.opts.keys);
    if (this.opts.vapid) await publishAlertVapidKey(this.opts.db, this.opts.vapid.publicKey);
    this.stopListening = await this.opts.db.listen('studio_alerts', () => this.wake());
    this.poll = setInterval(() => this.wake(), this.opts.pollMs ?? 60_000);
    this.poll.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.stopListening?.();
    await this.runner.stop();
    if (this.dueTimer) clearTimeout(this.dueTimer);
  }

  wake(): void {
    this.runner.wake();
  }

  /** "Send a test": this delivery's first attempt now, its outcome returned (later attempts as usual). */
  async sendNow(deliveryId: string): Promise<AlertDeliveryRow | null> {
    const [d] = await claimDueAlertDeliveries(this.opts.db, this.timeoutMs + LEASE_MARGIN_MS, { id: deliveryId });
    if (d) {
      await this.attempt(d);
      await this.scheduleNextRetry();
    }
    // else the worker's own pass took it first (its NOTIFY): wait for that first attempt's outcome
    const deadline = Date.now() + this.timeoutMs + 5_000;
    for (;;) {
      const row = await getAlertDelivery(this.opts.db, deliveryId);
      if (!row || row.status !== 'pending' || row.error !== null || Date.now() > deadline) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async pass() {
    try {
      while (!this.runner.isStopped) {
        const due = await claimDueAlertDeliveries(this.opts.db, this.timeoutMs + LEASE_MARGIN_MS);
        if (!due.length) break;
        await Promise.all(due.map((d) => this.attempt(d)));
      }
      await this.scheduleNextRetry();
    } catch (err) {
      this.opts.logger.warn('alerts: database unavailable, will retry', err);
    }
  }

  private async send(d: DueAlertDelivery): Promise<SendResult> {
    const schema = alertChannelConfigSchemas[d.channel_kind];
    const config = schema.safeParse(d.config);
    if (!config.success) return failed('The channel’s settings are not valid any more; edit the channel.');
    let secret: string | null = null;
    if (d.secret_sealed) {
      try {
        secret = openSecret(this.opts.keys, d.secret_sealed);
      } catch (err) {
        return failed(
          err instanceof SealedForAnotherKeyError
            ? 'The channel’s secret was sealed for another bridge (its data folder changed); enter it again.'
            : 'The channel’s secret cannot be read; enter it again.',
        );
      }
    } else if (['telegram', 'slack', 'discord'].includes(d.channel_kind)) {
      return failed('The channel has no secret; enter it.');
    }
    return channelSenders[d.channel_kind](
      {
        config: config.data as Record<string, unknown>,
        secret,
        allowPrivateNetwork: d.allow_private_network,
        timeoutMs: this.timeoutMs,
        gateway: this.opts.gateway(),
        db: this.opts.db,
        vapid: this.opts.vapid,
      },
      { deliveryId: d.id, kind: d.message_kind, title: d.title, body: d.body },
    );
  }

  private async attempt(d: DueAlertDelivery) {
    let result: SendResult;
    try {
      result = await this.send(d);
    } catch (err) {
      result = { ...failed('Sending failed in the studio itself; see the bridge’s log.', true), detail: String(err) };
    }
    if (result.ok) {
      await recordAlertAttempt(this.opts.db, d, result);
      return;
    }
    const last = !result.retryable || d.attempts >= this.retry.attempts;
    const error = last && result.retryable ? `Gave up after ${d.attempts} attempts. ${result.error}` : result.error;
    await recordAlertAttempt(this.opts.db, d, {
      ok: false,
      responseStatus: result.responseStatus,
      answer: result.answer,
      error,
      retryInMs: last ? null : retryDelay(this.retry, d.attempts),
    });
    this.opts.logger.warn(
      `alert delivery ${d.id} (${d.channel_kind} “${d.channel_name}”) attempt ${d.attempts}${last ? ' (last)' : ''}: ${result.detail ?? result.error}`,
    );
  }

  private async scheduleNextRetry() {
    if (this.dueTimer) clearTimeout(this.dueTimer);
    const ms = await msUntilNextAlertDelivery(this.opts.db);
    if (ms === null || this.runner.isStopped) return;
    this.dueTimer = setTimeout(() => this.wake(), ms + 10);
    this.dueTimer.unref();
  }
}
