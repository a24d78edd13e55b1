// What the bridge's watchdog reads and records: missed runs (a schedule's promise not kept) and the verdict on
// finished runs (suspicious: reported success, produced nothing it usually produces). A finding ends when a
// later run of its job succeeds: that is read from the runs themselves, so it holds whatever wrote them (the
// mirror, a backfill after an outage, agent-studio exec), the moment the run row says so, and a finding
// recorded after that success (a late watchdog pass) is born ended, never re-opened.
import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import type { CronRunRow } from './cron-runs';
import { appendEvent, appendEvents } from './events';

/** When a finding ended, and the run whose success ended it; both null while it is open. */
export interface FindingEnd {
  ended_at: Date | null;
  ended_by_run_id: string | null;
}

export interface MissedRunRow extends FindingEnd {
  id: string;
  job_id: string;
  expected_at: Date;
  detected_at: Date;
}

/**
 * SQL: `left join lateral` the first run of `finding`'s job that started after `after` and succeeded, as
 * `ended` (id, at). A skipped run did no work. A suspicious finding needs more than "completed" from the
 * next run: the watchdog's verdict that it produced what the job usually produces (else a run found
 * suspicious a minute after it ended would first end the finding before it, then re-open it).
 */
function laterSuccess(finding: string, after: string, opts: { judged?: boolean } = {}): string {
  return `left join lateral (
      select s.id, coalesce(s.finished_at, s.started_at) as at from cron_runs s
       where s.job_id = ${finding}.job_id and s.started_at > ${after} and s.status = 'completed' and s.summary is distinct from 'skipped'
         ${opts.judged ? 'and s.watchdog_checked_at is not null and s.suspicious_reason is null' : ''}
       order by s.started_at limit 1) ended on true`;
}

/** Records a missed run; false (and no event) when that expected time was already recorded. */
export async function recordMissedRun(tx: Queryable, jobId: string, expectedAt: Date): Promise<boolean> {
  const [row] = await tx.query<{ id: string }>(
    'insert into cron_missed_runs (job_id, expected_at) values ($1, $2) on conflict (job_id, expected_at) do nothing returning id',
    [jobId, expectedAt],
  );
  if (row)
    await appendEvent(tx, channelFor.job(jobId), 'cron.job.missed', { jobId, expectedAt: expectedAt.toISOString() });
  return Boolean(row);
}

/**
 * Missed runs expected in [from, to), newest first, with their job's name and when each ended (a later run
 * succeeded); `open` keeps only those that have not ended.
 */
export async function listMissedRuns(
  db: Queryable,
  params: { from: Date; to?: Date; jobId?: string; open?: boolean; limit?: number },
): Promise<(MissedRunRow & { job_name: string })[]> {
  return db.query(
    `select m.*, j.name as job_name, ended.at as ended_at, ended.id as ended_by_run_id
       from cron_missed_runs m join cron_jobs j on j.id = m.job_id ${laterSuccess('m', 'm.expected_at')}
      where m.expected_at >= $1 and ($2::timestamptz is null or m.expected_at < $2) and ($3::uuid is null or m.job_id = $3)
        and (not $5::boolean or ended.id is null)
      order by m.expected_at desc limit $4`,
    [params.from, params.to ?? null, params.jobId ?? null, params.limit ?? 1000, params.open ?? false],
  );
}

export interface RunMark {
  started_at: Date;
  finished_at: Date | null;
  /** Ended in an error (OpenClaw holds the job back after it). */
  failed: boolean;
}

/**
 * The job's runs that started in [from, to] (`inside`) and its last `before` runs that started earlier (the
 * interval anchor, and the failure streak leading into the window), each oldest first.
 */
export async function runsAround(
  db: Queryable,
  params: { jobId: string; from: Date; to: Date; before: number },
): Promise<{ before: RunMark[]; inside: RunMark[] }> {
  const rows = await db.query<RunMark & { inside: boolean }>(
    `select * from (
       (select started_at, finished_at, status in ('failed', 'timeout') as failed, false as inside from cron_runs
         where job_id = $1 and started_at < $2 order by started_at desc limit $4)
       union all
       (select started_at, finished_at, status in ('failed', 'timeout'), true from cron_runs
         where job_id = $1 and started_at >= $2 and started_at <= $3)
     ) r order by started_at`,
    [params.jobId, params.from, params.to, params.before],
  );
  const mark = ({ inside: _, ...r }: RunMark & { inside: boolean }): RunMark => r;
  return { before: rows.filter((r) => !r.inside).map(mark), inside: rows.filter((r) => r.inside).map(mark) };
}

/** Finished runs not judged yet that finished before `finishedBefore`, oldest first. */
export async function listRunsToJudge(
  db: Queryable,
  params: { finishedBefore: Date; limit?: number },
): Promise<CronRunRow[]> {
  return db.query<CronRunRow>(
    `select * from cron_runs where watchdog_checked_at is null and status <> 'running' and finished_at < $1
      order by finished_at, id limit $2`,
    [params.finishedBefore, params.limit ?? 500],
  );
}

/** For each run, its job's last `limit` finished runs that started before it (what the job usually produces). */
export async function listRunsBeforeEach(
  db: Queryable,
  runs: readonly Pick<CronRunRow, 'id' | 'job_id' | 'started_at'>[],
  limit: number,
): Promise<Map<string, CronRunRow[]>> {
  const rows = await db.query<CronRunRow & { before_run: string }>(
    `select p.*, j.id as before_run from unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) as j(id, job_id, started_at)
       cross join lateral (select * from cron_runs r where r.job_id = j.job_id and r.started_at < j.started_at and r.status <> 'running'
                            order by r.started_at desc limit $4) p
      order by j.id, p.started_at desc`,
    [runs.map((r) => r.id), runs.map((r) => r.job_id), runs.map((r) => r.started_at), limit],
  );
  const byRun = new Map<string, CronRunRow[]>(runs.map((r) => [r.id, []]));
  for (const { before_run, ...row } of rows) byRun.get(before_run)!.push(row);
  return byRun;
}

/** The watchdog's verdicts on runs: a reason makes a run suspicious (with its event), null lets it pass. */
export async function recordRunVerdicts(
  tx: Queryable,
  verdicts: readonly { run: Pick<CronRunRow, 'id' | 'job_id'>; reason: string | null }[],
): Promise<void> {
  if (!verdicts.length) return;
  await tx.query(
    `update cron_runs r set watchdog_checked_at = now(), suspicious_reason = coalesce(v.reason, r.suspicious_reason)
       from unnest($1::uuid[], $2::text[]) as v(id, reason) where r.id = v.id`,
    [verdicts.map((v) => v.run.id), verdicts.map((v) => v.reason)],
  );
  await appendEvents(
    tx,
    verdicts.flatMap(({ run, reason }) =>
      reason
        ? [
            {
              channel: channelFor.job(run.job_id),
              type: 'cron.run.suspicious' as const,
              payload: { jobId: run.job_id, runId: run.id, reason },
            },
          ]
        : [],
    ),
  );
}

/** Runs that finished before `finishedBefore` are not judged (history mirrored late, e.g. a first backfill). */
export async function skipRunsFinishedBefore(db: Queryable, finishedBefore: Date): Promise<number> {
  const rows = await db.query(
    'update cron_runs set watchdog_checked_at = now() where watchdog_checked_at is null and finished_at < $1 returning id',
    [finishedBefore],
  );
  return rows.length;
}

/**
 * Runs flagged suspicious that started since `since` (or the one run `runId`), newest first, with their job's
 * name and when each finding ended (a later run succeeded and was not suspicious); `open` keeps only those
 * that have not ended.
 */
export async function listSuspiciousRuns(
  db: Queryable,
  params: { since: Date; jobId?: string; runId?: string; open?: boolean; limit?: number },
): Promise<(CronRunRow & FindingEnd & { job_name: string })[]> {
  return db.query(
    `select r.*, j.name as job_name, ended.at as ended_at, ended.id as ended_by_run_id
       from cron_runs r join cron_jobs j on j.id = r.job_id ${laterSuccess('r', 'r.started_at', { judged: true })}
      where r.suspicious_reason is not null and r.started_at >= $1 and ($2::uuid is null or r.job_id = $2)
        and ($4::uuid is null or r.id = $4) and (not $5::boolean or ended.id is null)
      order by r.started_at desc limit $3`,
    [params.since, params.jobId ?? null, params.limit ?? 1000, params.runId ?? null, params.open ?? false],
  );
}
