// One lease in the database, held or waited for (issue 18, step 3). While it holds the lease it renews it well
// within its term; a renewal refused (another bridge holds it, it lapsed) or failed (the database is away) stops
// the work at once and the lease is waited for again, so two bridges never work at the same time. Waiting, it
// tries to take the lease again and again: once the holder stops renewing, it expires and the next try wins.
import { acquireLease, releaseLease, renewLease, type Db } from '@agent-studio/database';
import type { Logger } from './logger';

export interface LeaseTiming {
  /** How long a lease lasts unless renewed (default 10 s): how long a dead holder keeps a standby waiting. */
  ttlMs?: number;
  /** How often the holder renews it (default 2 s). */
  renewMs?: number;
  /** How often a standby tries to take it (default 1 s). */
  retryMs?: number;
}

export interface LeaseOptions extends LeaseTiming {
  db: Db;
  key: string;
  /** This bridge process (unique: two standbys on one host differ). */
  holder: string;
  /** What the lease is on, for the log ("gateway vps"). */
  what: string;
  logger: Logger;
  /** A holder known to be dead (this bridge's crashed predecessor): its lease is taken without waiting it out. */
  replacing?: string | null;
  /** Starts the work (held from now on). */
  onAcquired: () => Promise<void>;
  /** Stops the work (the lease is lost or given up). */
  onLost: () => Promise<void>;
}

export class Lease {
  private held = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticking: Promise<void> = Promise.resolve();
  /** Starting and stopping the work, one after the other; renewals go on meanwhile. */
  private work: Promise<void> = Promise.resolve();
  private lastSeenHolder: string | null | undefined;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: LeaseOptions) {
    this.ttlMs = opts.ttlMs ?? 10_000;
    this.renewMs = opts.renewMs ?? 2_000;
    this.retryMs = opts.retryMs ?? 1_000;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Tries once (so a bridge alone on its database starts working before this returns), then keeps going. */
  async start(): Promise<void> {
    await this.tick();
    await this.work;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    if (this.held) this.lose();
    await this.work;
    await releaseLease(this.opts.db, this.opts.key, this.opts.holder).catch(() => {});
  }

  private tick(): Promise<void> {
    this.ticking = (this.held ? this.renew() : this.acquire()).finally(() => {
      if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.held ? this.renewMs : this.retryMs);
    });
    return this.ticking;
  }

  private async acquire() {
    const { db, key, holder, what, logger } = this.opts;
    let current: string | null;
    try {
      const got = await acquireLease(db, key, holder, this.ttlMs, this.opts.replacing);
      if (got.acquired) {
        this.held = true;
        this.lastSeenHolder = undefined;
        logger.info(`took the lease on ${what}: working (${holder})`);
        this.work = this.work.then(() =>
          this.opts.onAcquired().catch((err) => {
            logger.error(`${what}: the work could not start; giving the lease up`, err);
            this.lose();
            void releaseLease(db, key, holder).catch(() => {});
          }),
        );
        return;
      }
      current = got.holder;
    } catch (err) {
      logger.warn(`${what}: the lease cannot be read (database unavailable), will retry`, err);
      return;
    }
    if (current !== this.lastSeenHolder) logger.info(`standby for ${what}, held by ${current}`);
    this.lastSeenHolder = current;
  }

  private async renew() {
    const { db, key, holder, what, logger } = this.opts;
    // a renewal that hangs longer than the lease has left counts as failed: by then a standby may have it
    const late = new Promise<false>((resolve) => {
      const t = setTimeout(() => resolve(false), Math.max(this.ttlMs - 2 * this.renewMs, this.renewMs));
      t.unref();
    });
    const renewed = await Promise.race([renewLease(db, key, holder, this.ttlMs), late]).catch((err) => {
      logger.warn(`${what}: the lease cannot be renewed (database unavailable)`, err);
      return false;
    });
    if (renewed) return;
    logger.warn(`lost the lease on ${what}: stopping its work, standby again`);
    this.lose();
  }

  private lose() {
    this.held = false;
    this.work = this.work.then(() =>
      this.opts.onLost().catch((err) => this.opts.logger.error(`${this.opts.what}: stop`, err)),
    );
  }
}
