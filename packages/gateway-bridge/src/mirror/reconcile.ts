// Everything the gateway lists, after every (re)connect and every minute, so what happened while the studio was
// away is not missing: jobs, runs since the checkpoint, sessions, the ones it no longer runs, and transcripts.
import {
  getCheckpoint,
  listCronJobs,
  markCronJobRemoved,
  recordRunsKnown,
  setCheckpoint,
  upsertCronJob,
  type Db,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { Logger } from '../logger';
import { backfillHistory } from './backfill';
import type { ChatLines } from './chat-lines';
import { settleGhosts } from './ghosts';
import { inTurn, type LiveMarks, type Step } from './live-order';
import { recordPresence, recordRuns } from './rows';
import { cronJobSchema, cronRunSchema, cronRunsPageSchema, type OcSession } from './schemas';
import { BACKFILL_OVERLAP_MS, FIRST_BACKFILL_MS, type SessionList } from './sessions';
import { SOURCE, toCronJobInput } from './translate';

const RUNS_PAGE = 200;
// Runs seen this close to the checkpoint are fetched again: a run that started before it may finish after.
const RUN_OVERLAP_MS = 6 * 3_600_000;

export class Reconciler {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly live: LiveMarks,
    private readonly sessions: SessionList,
    private readonly chat: ChatLines,
    /** The gateway reconciled (its rows are the ones compared with its lists). */
    private readonly gatewayId: string,
  ) {}

  /**
   * The gateway is asked outside `step`, and every write goes through it: the caller runs steps in turn with
   * live events, so a slow gateway call or a long list never holds the live feed back (issue 20, item 6).
   */
  async reconcile(gw: GatewayCalls, step: Step = inTurn, opts: { afterConnect?: boolean } = {}): Promise<void> {
    const started = Date.now();
    if (gw.supports('system-presence')) {
      // presence is for the health strip, first (the rest of a first pass may take a while): its failure must not
      // stop the mirror from catching up
      await gw.request('system-presence', {}).then(
        (p) => step(() => recordPresence(this.db, this.gatewayId, p)),
        (err) => this.logger.warn('gateway: system-presence not read', err),
      );
    }
    const jobs = await this.reconcileJobs(gw, step);
    const runs = await this.reconcileRuns(gw, step);
    // the watchdog may judge the runs now: the sessions and transcripts that follow take minutes on a first pass
    await step(() => recordRunsKnown(this.db, this.gatewayId, new Date(started)));
    const sessions = gw.supports('sessions.list')
      ? await this.sessions.reconcile(gw, step, { everyPage: opts.afterConnect })
      : { listed: 0, touched: [], rows: new Map<string, OcSession>(), deleted: 0, done: async () => {} };
    const settled = gw.supports('sessions.list')
      ? await settleGhosts(this.db, this.gatewayId, this.live, gw, step, sessions.rows)
      : [];
    if (opts.afterConnect && gw.supports('chat.history')) {
      // the transcripts of what was active while the studio was away (or the gateway restarted): a listed session
      // under the key it is listed under (a job's own key, for its latest run); an earlier run of the outage, which
      // the list no longer shows, under its own key, where 2026.9.6 keeps a failed run's transcript
      const wanted = new Set([...sessions.touched, ...runs.sessionKeys.keys(), ...settled]);
      const asks = [...sessions.rows].filter(([key]) => wanted.has(key)).map(([key, s]) => ({ ask: s.key, key }));
      for (const [key, kept] of runs.sessionKeys) if (kept && !sessions.rows.has(key)) asks.push({ ask: key, key });
      const written = await backfillHistory(this.chat, gw, step, asks, this.logger);
      if (asks.length)
        this.logger.info(`gateway: read back the history of ${asks.length} sessions, ${written} lines were missing`);
    }
    // the checkpoints move only now: a bridge that dies before (mid-way through the transcripts) reads it all again
    await runs.done();
    await sessions.done();
    this.logger.info(
      `reconciled with the gateway in ${Date.now() - started} ms: ${jobs} jobs, ${runs.count} runs, ${sessions.listed} sessions${settled.length ? `, ${settled.length} settled` : ''}${sessions.deleted ? `, ${sessions.deleted} no longer listed (deleted)` : ''}`,
    );
  }

  private async reconcileJobs(gw: GatewayCalls, step: Step): Promise<number> {
    const asked = Date.now();
    const res = (await gw.request<{ jobs?: unknown[] }>('cron.list', { includeDisabled: true })).jobs ?? [];
    const jobs = res
      .map((raw) => cronJobSchema.safeParse(raw))
      .flatMap((job) => {
        if (job.success) return [job.data];
        this.logger.warn('gateway: a cron job could not be read; skipped', job.error.issues[0]);
        return [];
      });
    const seen = new Set(jobs.map((j) => j.id));
    await step(() =>
      this.db.transaction(async (tx) => {
        // a job a live event changed (or added) since the list was asked for is newer than the list
        for (const job of jobs)
          if (!this.live.since(`job:${job.id}`, asked))
            await upsertCronJob(tx, { ...toCronJobInput(job), gatewayId: this.gatewayId });
        for (const known of await listCronJobs(tx, { source: SOURCE, gatewayId: this.gatewayId })) {
          if (known.external_id && !seen.has(known.external_id) && !this.live.since(`job:${known.external_id}`, asked))
            await markCronJobRemoved(tx, SOURCE, known.external_id, this.gatewayId);
        }
      }),
    );
    return seen.size;
  }

  /**
   * Pages `cron.runs` newest first until it reaches the checkpoint (less an overlap). `sessionKeys`: the sessions
   * of the runs since the checkpoint, each with whether the gateway may keep its transcript under the run's own
   * key (2026.9.6 does for a failed run; an ok run's key answers none: history-ok-earlier-run).
   */
  private async reconcileRuns(
    gw: GatewayCalls,
    step: Step,
  ): Promise<{ count: number; sessionKeys: Map<string, boolean>; done: () => Promise<void> }> {
    const saved = (await getCheckpoint<{ runAtMs?: number }>(this.db, SOURCE, 'cron.runs', this.gatewayId))?.runAtMs;
    const checkpoint = saved ?? 0;
    const stopAt = checkpoint - RUN_OVERLAP_MS;
    const historySince = saved == null ? Date.now() - FIRST_BACKFILL_MS : checkpoint - BACKFILL_OVERLAP_MS;
    let newest = checkpoint;
    let count = 0;
    const sessionKeys = new Map<string, boolean>();
    for (let offset = 0; ; offset += RUNS_PAGE) {
      const page = cronRunsPageSchema.parse(
        await gw.request('cron.runs', { scope: 'all', limit: RUNS_PAGE, offset, sortDir: 'desc' }),
      );
      const runs = page.entries.map((raw) => cronRunSchema.safeParse(raw)).flatMap((r) => (r.success ? [r.data] : []));
      const reachedCheckpoint = runs.some((r) => r.runAtMs < stopAt);
      for (const r of runs) {
        newest = Math.max(newest, r.runAtMs);
        // the runs since the checkpoint: their sessions' transcripts are read again after an outage
        if (r.sessionKey && r.runAtMs >= historySince)
          sessionKeys.set(r.sessionKey, r.status != null && r.status !== 'ok' && r.status !== 'skipped');
      }
      // a page in one transaction and a few statements: a backlog of thousands stays quick
      count += await step(() =>
        this.db.transaction(async (tx) => (await recordRuns(tx, this.gatewayId, runs)).filter((r) => r.changed).length),
      );
      if (reachedCheckpoint || !page.hasMore || !page.entries.length) break;
    }
    return {
      count,
      sessionKeys,
      done: () => step(() => setCheckpoint(this.db, SOURCE, 'cron.runs', { runAtMs: newest }, this.gatewayId)),
    };
  }
}
