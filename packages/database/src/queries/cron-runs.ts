import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { cursorTime, decodeCursor, encodeCursor } from './cursor';
import { runsOfDistinct } from './batch';
import { appendEvents, type NewEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

/** 'cancelled': stopped by its owner or a budget; neither a success nor a failure. */
export type CronRunStatus = 'running' | 'completed' | 'failed' | 'timeout' | 'cancelled';

/**
 * SQL: the run ran to an end, as success or failure. Success rates and run counts are of these: a run still
 * running or cancelled (by the owner, by a budget) says nothing about whether the job works.
 */
export const concludedRun = (status = 'status') => `${status} not in ('running', 'cancelled')`;

export interface CronRunRow {
  id: string;
  job_id: string;
  started_at: Date;
  finished_at: Date | null;
  status: CronRunStatus;
  exit_code: number | null;
  stdout: string | null;
  stderr: string | null;
  output_files: string[] | null;
  duration_ms: number | null;
  memory_peak_mb: number | null;
  trigger_type: string | null;
  triggered_by: string | null;
  external_id: string | null;
  session_key: string | null;
  summary: string | null;
  error: string | null;
  model: string | null;
  provider: string | null;
  token_usage: { input?: number; output?: number; total?: number };
  cost_usd: number | null;
  suspicious_reason: string | null;
  watchdog_checked_at: Date | null;
  /** Its job's gateway. */
  gateway_id: string;
  created_at: Date;
}

export interface CronRunInput {
  jobId: string;
  externalId: string;
  startedAt: Date;
  finishedAt?: Date | null;
  status: CronRunStatus;
  exitCode?: number | null;
  durationMs?: number | null;
  triggerType?: 'scheduled' | 'manual' | 'retry';
  triggeredBy?: string | null;
  sessionKey?: string | null;
  summary?: string | null;
  error?: string | null;
  model?: string | null;
  provider?: string | null;
  tokenUsage?: { input?: number; output?: number; total?: number };
  costUsd?: number | null;
  memoryPeakMb?: number | null;
  /** The end of a host-cron run's output (its whole output is in agent_logs). */
  stdout?: string | null;
  stderr?: string | null;
}

const terminal = (s: CronRunStatus) => s !== 'running';
const runKey = (r: { jobId: string; externalId: string }) => `${r.jobId} ${r.externalId}`;

export interface CronRunResult {
  row: CronRunRow;
  created: boolean;
  changed: boolean;
}

/**
 * Records what is known of a run, keyed by (job, OpenClaw's id). Never moves a finished run back to running
 * (a late 'started' observation after the 'finished' one). Emits started/completed and keeps the job's
 * last_* columns and `recent_runs` in the same transaction (unless `refreshJob: false`: a batch of runs then
 * calls `refreshCronJobStatus` once per job).
 */
export async function upsertCronRun(
  tx: Queryable,
  input: CronRunInput,
  opts: { refreshJob?: boolean } = {},
): Promise<CronRunResult> {
  const [result] = await upsertCronRuns(tx, [input], opts);
  return result!;
}

/**
 * `upsertCronRun` for many runs (a page of the gateway's history) in a few statements whatever their number;
 * results and events in the order given. Each changed job's status is refreshed once.
 */
export async function upsertCronRuns(
  tx: Queryable,
  inputs: readonly CronRunInput[],
  opts: { refreshJob?: boolean } = {},
): Promise<CronRunResult[]> {
  const results: CronRunResult[] = [];
  for (const run of runsOfDistinct(inputs, runKey)) results.push(...(await upsertDistinctRuns(tx, run)));
  if (opts.refreshJob !== false) {
    for (const jobId of new Set(results.filter((r) => r.changed).map((r) => r.row.job_id)))
      await refreshCronJobStatus(tx, jobId);
  }
  return results;
}

// A run's fields as one record of a jsonb array (the batch is one parameter).
const RUN_RECORD = `job_id uuid, external_id text, started_at timestamptz, finished_at timestamptz, status text, exit_code integer,
  duration_ms integer, trigger_type text, triggered_by uuid, session_key text, summary text, error text, model text, provider text,
  token_usage jsonb, cost_usd numeric, memory_peak_mb integer, stdout text, stderr text`;

const toRecord = (i: CronRunInput) => ({
  job_id: i.jobId,
  external_id: i.externalId,
  started_at: i.startedAt,
  finished_at: i.finishedAt,
  status: i.status,
  exit_code: i.exitCode,
  duration_ms: i.durationMs,
  trigger_type: i.triggerType,
  triggered_by: i.triggeredBy,
  session_key: i.sessionKey,
  summary: i.summary,
  error: i.error,
  model: i.model,
  provider: i.provider,
  token_usage: i.tokenUsage,
  cost_usd: i.costUsd,
  memory_peak_mb: i.memoryPeakMb,
  stdout: i.stdout,
  stderr: i.stderr,
});

/** Runs of which none is named twice. */
async function upsertDistinctRuns(tx: Queryable, inputs: readonly CronRunInput[]): Promise<CronRunResult[]> {
  const befores = new Map(
    (
      await tx.query<CronRunRow>(
        'select * from cron_runs where (job_id, external_id) in (select * from unnest($1::uuid[], $2::text[]))',
        [inputs.map((i) => i.jobId), inputs.map((i) => i.externalId)],
      )
    ).map((r) => [runKey({ jobId: r.job_id, externalId: r.external_id! }), r]),
  );
  const writable = inputs.filter((i) => {
    const before = befores.get(runKey(i));
    return !(before && terminal(before.status) && !terminal(i.status));
  });
  const fresh = writable.filter((i) => !befores.has(runKey(i)));
  const inserted = fresh.length
    ? await tx.query<CronRunRow>(
        `insert into cron_runs (job_id, external_id, started_at, finished_at, status, exit_code, duration_ms, trigger_type, triggered_by,
                                session_key, summary, error, model, provider, token_usage, cost_usd, memory_peak_mb, stdout, stderr, gateway_id)
         select job_id, external_id, started_at, finished_at, status, exit_code, duration_ms, coalesce(trigger_type, 'scheduled'), triggered_by,
                session_key, summary, error, model, provider, coalesce(token_usage, '{}'::jsonb), cost_usd, memory_peak_mb, stdout, stderr,
                (select j.gateway_id from cron_jobs j where j.id = i.job_id) -- a run is on its job's gateway
           from jsonb_to_recordset($1::jsonb) as i(${RUN_RECORD})
         on conflict (job_id, external_id) do nothing
         returning *`,
        [JSON.stringify(fresh.map(toRecord))],
      )
    : [];
  const rows = new Map(inserted.map((r) => [runKey({ jobId: r.job_id, externalId: r.external_id! }), r]));
  // known runs, and any a concurrent writer inserted meanwhile
  const known = writable.filter((i) => !rows.has(runKey(i)));
  if (known.length) {
    const updated = await tx.query<CronRunRow>(
      `update cron_runs r set
         finished_at = coalesce(i.finished_at, r.finished_at), status = i.status,
         exit_code = coalesce(i.exit_code, r.exit_code), duration_ms = coalesce(i.duration_ms, r.duration_ms),
         trigger_type = coalesce(nullif(r.trigger_type, 'scheduled'), i.trigger_type, r.trigger_type), triggered_by = coalesce(i.triggered_by, r.triggered_by),
         session_key = coalesce(i.session_key, r.session_key), summary = coalesce(i.summary, r.summary),
         error = coalesce(i.error, r.error), model = coalesce(i.model, r.model), provider = coalesce(i.provider, r.provider),
         token_usage = coalesce(i.token_usage, r.token_usage), cost_usd = coalesce(i.cost_usd, r.cost_usd),
         memory_peak_mb = coalesce(i.memory_peak_mb, r.memory_peak_mb), stdout = coalesce(i.stdout, r.stdout), stderr = coalesce(i.stderr, r.stderr)
       from jsonb_to_recordset($1::jsonb) as i(${RUN_RECORD})
       where r.job_id = i.job_id and r.external_id = i.external_id
       returning r.*`,
      [JSON.stringify(known.map(toRecord))],
    );
    for (const r of updated) rows.set(runKey({ jobId: r.job_id, externalId: r.external_id! }), r);
  }

  const events: NewEvent[] = [];
  const results = inputs.map((input): CronRunResult => {
    const before = befores.get(runKey(input)) ?? null;
    const run = rows.get(runKey(input));
    if (!run) return { row: before!, created: false, changed: false };
    const changed = !before || JSON.stringify(comparable(before)) !== JSON.stringify(comparable(run));
    if (!changed) return { row: run, created: false, changed: false };
    const channel = channelFor.job(run.job_id);
    if (!before)
      events.push({
        channel,
        type: 'cron.run.started',
        payload: { jobId: run.job_id, runId: run.id, startedAt: run.started_at.toISOString() },
      });
    if (terminal(run.status) && (!before || !terminal(before.status))) {
      const status = run.status === 'completed' ? 'success' : run.status === 'cancelled' ? 'cancelled' : 'failed';
      events.push({
        channel,
        type: 'cron.run.completed',
        payload: {
          jobId: run.job_id,
          runId: run.id,
          status,
          duration: run.duration_ms ?? 0,
          outputFiles: run.output_files ?? [],
        },
      });
    }
    return { row: run, created: !before, changed: true };
  });
  await appendEvents(tx, events);
  return results;
}

const comparable = (r: CronRunRow) => {
  const { created_at: _c, ...rest } = r;
  return rest;
};

/** The job's last_* columns and its last ten runs, from the runs table (one source of truth). */
export async function refreshCronJobStatus(tx: Queryable, jobId: string) {
  await tx.query(
    `with recent as (
       select id, status, started_at, duration_ms, error from cron_runs where job_id = $1 order by started_at desc, id desc limit 10)
     update cron_jobs j set
       last_run_at = r.started_at,
       last_status = case r.status when 'running' then 'running' when 'completed' then 'success' when 'cancelled' then 'cancelled' else 'failed' end,
       last_duration_ms = r.duration_ms,
       last_error = r.error,
       recent_runs = (select coalesce(jsonb_agg(jsonb_build_object('id', id, 'status', status, 'startedAt', started_at, 'durationMs', duration_ms)
                                               order by started_at desc, id desc), '[]'::jsonb) from recent),
       updated_at = now()
     from (select * from recent limit 1) r
     where j.id = $1`,
    [jobId],
  );
}

export async function getCronRun(db: Queryable, id: string): Promise<CronRunRow | null> {
  const [row] = await db.query<CronRunRow>('select * from cron_runs where id = $1', [id]);
  return row ?? null;
}

export async function getCronRunByExternalId(
  db: Queryable,
  jobId: string,
  externalId: string,
): Promise<CronRunRow | null> {
  const [row] = await db.query<CronRunRow>('select * from cron_runs where job_id = $1 and external_id = $2', [
    jobId,
    externalId,
  ]);
  return row ?? null;
}

export async function listCronRuns(
  db: Queryable,
  params: { jobId?: string; status?: CronRunStatus; cursor?: string; limit?: number; gatewayId?: string },
): Promise<{ rows: CronRunRow[]; nextCursor: string | null }> {
  const limit = params.limit ?? 50;
  const after = params.cursor ? decodeCursor(params.cursor) : null;
  const rows = await db.query<CronRunRow & { cursor_at: string }>(
    `select *, ${cursorTime('started_at')} as cursor_at from cron_runs
      where ($1::uuid is null or job_id = $1) and ($2::text is null or status = $2)
        and ($6::uuid is null or gateway_id = $6)
        and ($3::timestamptz is null or (started_at, id) < ($3, $4::uuid))
      order by started_at desc, id desc limit $5`,
    [
      params.jobId ?? null,
      params.status ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit + 1,
      params.gatewayId ?? null,
    ],
  );
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  return {
    rows: page.map(({ cursor_at: _c, ...r }) => r),
    nextCursor: more && page.length ? encodeCursor(page.at(-1)!.cursor_at, page.at(-1)!.id) : null,
  };
}

/** Of the runs since `since` that ran to an end (not running, not cancelled), how many succeeded. */
export async function cronSuccessRate(
  db: Queryable,
  params: { since: Date; gatewayId?: string },
): Promise<{ total: number; succeeded: number; rate: number | null }> {
  const [row] = await db.query<{ total: number; succeeded: number }>(
    `select count(*)::int as total, count(*) filter (where status = 'completed')::int as succeeded
       from cron_runs where started_at >= $1 and ($2::uuid is null or gateway_id = $2) and ${concludedRun()}`,
    [params.since, params.gatewayId ?? null],
  );
  const total = row?.total ?? 0;
  const succeeded = row?.succeeded ?? 0;
  return { total, succeeded, rate: total ? succeeded / total : null };
}

/** The database's clock: web, bridge and database may run on different hosts, so times compared with rows come from it. */
export async function databaseNow(db: Queryable): Promise<Date> {
  const [row] = await db.query<{ now: Date }>('select now()');
  return row!.now;
}

/**
 * The first run of a job recorded since `since` (database clock), claimed as the one a studio command
 * started: OpenClaw's run events do not echo the request, and only the studio knows a run is a retry.
 */
export async function claimRunStartedBy(
  db: Queryable,
  params: { jobId: string; since: Date; triggerType: 'manual' | 'retry'; triggeredBy: string | null },
): Promise<CronRunRow | null> {
  const [row] = await db.query<CronRunRow>(
    `update cron_runs set trigger_type = $3, triggered_by = coalesce($4, triggered_by)
      where id = (select id from cron_runs
                   where job_id = $1 and created_at >= $2
                     -- not an old run a reconcile happens to record now (a minute's leeway for the gateway's clock)
                     and started_at >= $2::timestamptz - interval '1 minute'
                   order by created_at, id limit 1)
      returning *`,
    [params.jobId, params.since, params.triggerType, params.triggeredBy],
  );
  return row ?? null;
}

export async function addRunOutputFile(tx: Queryable, runId: string, path: string): Promise<void> {
  await tx.query(
    `update cron_runs set output_files = array_append(coalesce(output_files, '{}'), $2)
      where id = $1 and not ($2 = any(coalesce(output_files, '{}')))`,
    [runId, path],
  );
}

/** Tokens and cost of the runs and sessions that started since `since` (a metrics sample). */
export async function usageSince(db: Queryable, since: Date): Promise<{ tokens: number; costUsd: number }> {
  const [row] = await db.query<{ tokens: number; cost: number }>(
    `select coalesce(sum((token_usage->>'total')::bigint), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost
       from agent_sessions where last_activity_at >= $1`,
    [since],
  );
  return { tokens: row?.tokens ?? 0, costUsd: row?.cost ?? 0 };
}

/** Every run that overlaps [from, to), oldest first (the cron timeline). */
export async function listRunsBetween(
  db: Queryable,
  params: { from: Date; to: Date; limit?: number; gatewayId?: string },
): Promise<CronRunRow[]> {
  return db.query<CronRunRow>(
    `select * from cron_runs
      where started_at < $2 and coalesce(finished_at, now()) >= $1 and ($4::uuid is null or gateway_id = $4)
      order by started_at limit $3`,
    [params.from, params.to, params.limit ?? 5000, params.gatewayId ?? null],
  );
}

/** Failed and timed-out runs since `since` (not cancelled ones), newest first, with their job's name (failure analysis). */
export async function listFailedRuns(
  db: Queryable,
  params: { since: Date; limit?: number; gatewayId?: string },
): Promise<(CronRunRow & { job_name: string })[]> {
  return db.query(
    `select r.*, j.name as job_name from cron_runs r join cron_jobs j on j.id = r.job_id
      where r.status in ('failed', 'timeout') and r.started_at >= $1 and ($3::uuid is null or r.gateway_id = $3)
      order by r.started_at desc limit $2`,
    [params.since, params.limit ?? 5000, params.gatewayId ?? null],
  );
}

/**
 * A run's cost is its session's (OpenClaw prices a session's usage; `cron.runs` entries carry tokens only).
 * No event: the run's outcome did not change.
 */
export async function setRunCostFromSession(
  tx: Queryable,
  sessionKey: string,
  costUsd: number,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<void> {
  await tx.query(
    'update cron_runs set cost_usd = $2 where gateway_id = $3 and session_key = $1 and cost_usd is distinct from $2',
    [sessionKey, costUsd, gatewayId],
  );
}

/** The run that ran in a session (OpenClaw gives each cron run its own session key). */
export async function getCronRunBySessionKey(
  db: Queryable,
  sessionKey: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<CronRunRow | null> {
  const [row] = await db.query<CronRunRow>(
    'select * from cron_runs where gateway_id = $2 and session_key = $1 order by started_at desc limit 1',
    [sessionKey, gatewayId],
  );
  return row ?? null;
}
