// The watchdog (a bridge job; none of OpenClaw's dashboards has one): a job whose expected run did not happen
// within a grace period is marked missed; a run that reported success but produced nothing it usually
// produces is flagged suspicious. Each finding is a row and an event, once, across restarts; it ends when a later
// run of its job succeeds, which is read from the runs (queries/watchdog), so no pass has to close it.
import {
  getCheckpoint,
  getGateway,
  listCronJobs,
  listRunsBeforeEach,
  listRunsToJudge,
  recordMissedRun,
  recordRunVerdicts,
  runsAround,
  setCheckpoint,
  skipRunsFinishedBefore,
  type CronJobRow,
  type Db,
} from '@agent-studio/database';
import type { Logger } from '../logger';
import { SOURCE } from '../mirror/translate';
import { EARLY_MS, errorHolds, missedTimes } from './missed';
import { HABIT_WINDOW, suspicionOf } from './suspicious';

const DAY_MS = 86_400_000;

export interface WatchdogOptions {
  db: Db;
  logger: Logger;
  /**
   * Until when the job's runs are all in the database (for a gateway's job: when that gateway's last reconcile
   * began, as its bridge recorded it, wherever that runs); null while unknown, and the job is not judged. Other
   * sources write their runs directly: known until now.
   */
  knownUntil?: (job: CronJobRow) => Date | null | Promise<Date | null>;
  /** How late a run may start and still be the expected one (OpenClaw staggers top-of-hour jobs by up to 5 min). */
  graceMs?: number;
  /** How long after a run finished its output files may still arrive before it is judged. */
  settleMs?: number;
  intervalMs?: number;
}

interface JobCheckpoint {
  /** The schedule the times were judged by: a changed schedule starts afresh. */
  schedule: string;
  checkedUntil: number;
}

export class Watchdog {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private running: Promise<unknown> = Promise.resolve();
  private readonly graceMs: number;
  private readonly settleMs: number;

  constructor(private readonly opts: WatchdogOptions) {
    this.graceMs = opts.graceMs ?? 10 * 60_000;
    this.settleMs = opts.settleMs ?? 60_000;
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.opts.intervalMs ?? 60_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; passes never overlap. Resolves with what it found. */
  check(now = new Date()): Promise<{ missed: number; suspicious: number }> {
    const pass = this.running.then(async () => {
      if (this.stopped) return { missed: 0, suspicious: 0 };
      const missed = await this.checkMissed(now);
      const suspicious = await this.checkRuns(now);
      return { missed, suspicious };
    });
    this.running = pass.catch((err) => this.opts.logger.warn('watchdog: pass failed, the next one catches up', err));
    return pass;
  }

  private async checkMissed(now: Date): Promise<number> {
    let found = 0;
    for (const job of await listCronJobs(this.opts.db)) found += await this.checkJob(job, now);
    return found;
  }

  private readonly untilReconciled = async (job: CronJobRow) =>
    job.source === SOURCE ? ((await getGateway(this.opts.db, job.gateway_id))?.runs_known_at ?? null) : new Date();

  private async checkJob(job: CronJobRow, now: Date): Promise<number> {
    const { db } = this.opts;
    const known = await (this.opts.knownUntil ?? this.untilReconciled)(job);
    if (!known) return 0;
    const key = `job:${job.id}`;
    const schedule = JSON.stringify([job.schedule_kind, job.schedule, job.timezone, job.schedule_spec]);
    const cp = await getCheckpoint<JobCheckpoint>(db, 'watchdog', key);
    // a paused job promises nothing; a changed schedule is judged from now on
    if (!job.enabled || (cp && cp.schedule !== schedule)) {
      await setCheckpoint(db, 'watchdog', key, { schedule, checkedUntil: now.getTime() });
      return 0;
    }
    const to = new Date(Math.min(now.getTime(), known.getTime()) - this.graceMs);
    const windowStart = cp?.checkedUntil ?? now.getTime() - DAY_MS;
    // the runs before the window: the interval anchor, and the failure streak OpenClaw's backoff counts
    const runs = await runsAround(db, {
      jobId: job.id,
      from: new Date(windowStart - EARLY_MS),
      to: new Date(to.getTime() + this.graceMs),
      before: 5,
    });
    const last = runs.before.at(-1)?.started_at ?? null;
    const starts = runs.inside.map((r) => r.started_at);
    // a job seen for the first time is judged from when it is known to exist (its first run or its row), at
    // most a day back; an interval job without an anchor counts from there, as OpenClaw counts from its creation
    const existsSince = last ? windowStart : Math.min(job.created_at.getTime(), starts[0]?.getTime() ?? Infinity);
    const from = new Date(Math.max(windowStart, existsSince));
    if (to <= from) return 0;
    const anchor = last ?? (job.schedule_spec.anchorMs != null ? null : new Date(existsSince));
    const holds = job.source === SOURCE ? errorHolds([...runs.before, ...runs.inside]) : [];
    const missed = missedTimes(job, { from, to, starts, anchor, graceMs: this.graceMs, holds });
    let recorded = 0;
    for (const t of missed) if (await db.transaction((tx) => recordMissedRun(tx, job.id, t))) recorded++;
    if (recorded)
      this.opts.logger.warn(
        `watchdog: ${job.name} missed ${recorded} run(s), the last expected ${missed.at(-1)!.toISOString()}`,
      );
    await setCheckpoint(db, 'watchdog', key, { schedule, checkedUntil: to.getTime() });
    return recorded;
  }

  private async checkRuns(now: Date): Promise<number> {
    const { db } = this.opts;
    await skipRunsFinishedBefore(db, new Date(now.getTime() - DAY_MS));
    const jobs = new Map((await listCronJobs(db, { includeRemoved: true })).map((j) => [j.id, j]));
    let found = 0;
    for (;;) {
      const runs = await listRunsToJudge(db, { finishedBefore: new Date(now.getTime() - this.settleMs) });
      // a page judged with a few statements: after a backfill there may be a day of runs to judge
      const previous = await listRunsBeforeEach(db, runs, HABIT_WINDOW);
      const verdicts = runs.map((run) => ({
        run,
        reason: suspicionOf(run, previous.get(run.id)!, jobs.get(run.job_id)?.payload.kind),
      }));
      await db.transaction((tx) => recordRunVerdicts(tx, verdicts));
      found += verdicts.filter((v) => v.reason).length;
      if (runs.length < 500) return found;
    }
  }
}
