// What the bridge mends after faults, so the mirror equals the gateway: sessions left running that the gateway
// no longer runs, run sessions that take their run's facts, content files linked to the run and session
// that wrote them.
import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { sessionUpdated, type AgentSessionRow, type AgentSessionStatus } from './agent-sessions';
import { addRunOutputFile, type CronRunRow } from './cron-runs';
import { appendEvent, appendEvents } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

/** How a session ended: its status, when, and why (null when the gateway gives no reason). */
export interface SessionEnd {
  status: Extract<AgentSessionStatus, 'completed' | 'cancelled' | 'error'>;
  at: Date;
  reason: string | null;
}

/** The sessions of one gateway that the studio has running. */
export async function listRunningSessions(
  db: Queryable,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<
  { id: string; session_key: string; cron_job_id: string | null; started_at: Date; last_activity_at: Date }[]
> {
  return db.query(
    `select id, session_key, cron_job_id, started_at, last_activity_at from agent_sessions
      where status = 'running' and gateway_id = $1 order by started_at`,
    [gatewayId],
  );
}

/** A run recorded without its session (2026.9.6 names none for a run interrupted by a gateway restart). */
export async function linkRunSession(tx: Queryable, runId: string, sessionKey: string): Promise<void> {
  await tx.query('update cron_runs set session_key = $2 where id = $1 and session_key is null', [runId, sessionKey]);
}

/** Ends a session that is still running in the studio (a no-op for one that ended meanwhile). */
export async function settleSession(
  tx: Queryable,
  sessionKey: string,
  end: SessionEnd,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<boolean> {
  const [row] = await tx.query<Pick<AgentSessionRow, 'id' | 'status' | 'progress_percent'>>(
    `update agent_sessions set status = $2, completed_at = coalesce(completed_at, $3), last_activity_at = greatest(last_activity_at, $3),
            progress_message = coalesce($4, progress_message), progress_percent = case when $2 = 'completed' then 100 else progress_percent end,
            updated_at = now()
      where gateway_id = $5 and session_key = $1
        and status in ('running', 'idle') -- idle: a run's session listed from its job's row before its run was recorded
      returning id, status, progress_percent`,
    [sessionKey, end.status, end.at, end.reason, gatewayId],
  );
  if (row) await appendEvents(tx, [sessionUpdated(row)]);
  return Boolean(row);
}

/**
 * A finished cron run's session takes the run's facts: it started when the run did, and its tokens are the
 * run's (what live messages added while it ran was an estimate); a session still running ends as the run did.
 */
export async function settleRunSessions(
  tx: Queryable,
  runs: readonly Pick<
    CronRunRow,
    'session_key' | 'started_at' | 'finished_at' | 'status' | 'error' | 'token_usage' | 'gateway_id'
  >[],
): Promise<void> {
  for (const run of runs) {
    if (!run.session_key || run.status === 'running') continue;
    const tokens = run.token_usage && Object.keys(run.token_usage).length ? run.token_usage : null;
    await tx.query(
      `update agent_sessions set started_at = $2, token_usage = coalesce($3::jsonb || jsonb_strip_nulls(jsonb_build_object('cost', token_usage->'cost')), token_usage), updated_at = now()
        where gateway_id = $4 and session_key = $1 and (started_at is distinct from $2 or ($3::jsonb is not null and token_usage - 'cost' - 'context' is distinct from $3::jsonb))`,
      [run.session_key, run.started_at, tokens ? JSON.stringify(tokens) : null, run.gateway_id],
    );
    const status = run.status === 'completed' ? 'completed' : run.status === 'cancelled' ? 'cancelled' : 'error';
    const end = { status, at: run.finished_at ?? run.started_at, reason: run.error } as const;
    await settleSession(tx, run.session_key, end, run.gateway_id);
  }
}

/**
 * The session whose tool call wrote the file (`write`, `edit` or `apply_patch` naming it as the agent named it:
 * absolute, or relative to its workspace, which ends the absolute path), the newest such call up to shortly
 * after the file's time.
 */
export async function findFileWriter(
  db: Queryable,
  absolutePath: string,
  writtenAt: Date,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<{ session_id: string; session_key: string; cron_job_id: string | null; at: Date } | null> {
  const [row] = await db.query<{ session_id: string; session_key: string; cron_job_id: string | null; at: Date }>(
    `select l.session_id, s.session_key, s.cron_job_id, l.timestamp as at
       from agent_logs l join agent_sessions s on s.id = l.session_id
       cross join lateral (select regexp_replace(l.tool_input->>'path', '^\\./', '') as named) n
      where l.tool_name in ('write', 'edit', 'apply_patch') and n.named <> ''
        and (n.named = $1 or right($1, length(n.named) + 1) = '/' || n.named)
        and l.timestamp between $2::timestamptz - interval '1 day' and $2::timestamptz + interval '1 minute'
        and s.gateway_id = $3
      order by l.timestamp desc limit 1`,
    [absolutePath, writtenAt, gatewayId],
  );
  return row ?? null;
}

/** The run of this job going on at `at` (a few seconds' grace for the file system's and gateway's clocks). */
export async function findJobRunAt(
  db: Queryable,
  jobId: string,
  at: Date,
  graceMs = 5_000,
): Promise<CronRunRow | null> {
  const [row] = await db.query<CronRunRow>(
    `select * from cron_runs
      where job_id = $1 and started_at <= $2::timestamptz + make_interval(secs => $3::float8 / 1000)
        and coalesce(finished_at, now()) + make_interval(secs => $3::float8 / 1000) >= $2
      order by started_at desc limit 1`,
    [jobId, at, graceMs],
  );
  return row ?? null;
}

/** The runs (of any job of one gateway) going on at `at`: one is the file's author only when it is the only one. */
export async function listRunsActiveAt(
  db: Queryable,
  at: Date,
  gatewayId: string = DEFAULT_GATEWAY_ID,
  graceMs = 5_000,
): Promise<CronRunRow[]> {
  return db.query<CronRunRow>(
    `select * from cron_runs
      where started_at <= $1::timestamptz + make_interval(secs => $2::float8 / 1000)
        and coalesce(finished_at, now()) + make_interval(secs => $2::float8 / 1000) >= $1 and gateway_id = $3
      order by started_at desc limit 10`,
    [at, graceMs, gatewayId],
  );
}

/** Content files of the last days missing their run or session link (to mend after the mirror catches up). */
export async function listUnlinkedOutputs(
  db: Queryable,
  since: Date,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<{ id: string; source_file_path: string }[]> {
  return db.query(
    `select id, source_file_path from gtm_outputs
      where source_file_path is not null and (source_run_id is null or source_session_id is null) and updated_at >= $1 and status <> 'archived'
        and gateway_id = $2
      order by updated_at desc limit 500`,
    [since, gatewayId],
  );
}

/** Links a content file to what wrote it (never unlinks: a link found before stays). */
export async function linkOutputAuthor(
  tx: Queryable,
  outputId: string,
  author: { jobId?: string; runId?: string; sessionId?: string },
): Promise<boolean> {
  const [row] = await tx.query<{ id: string; title: string; source_run_id: string | null; source_file_path: string }>(
    `update gtm_outputs set source_job_id = coalesce(source_job_id, $2), source_run_id = coalesce(source_run_id, $3),
            source_session_id = coalesce(source_session_id, $4), updated_at = now()
      where id = $1 and (source_job_id, source_run_id, source_session_id) is distinct from
            (coalesce(source_job_id, $2), coalesce(source_run_id, $3), coalesce(source_session_id, $4))
      returning id, title, source_run_id, source_file_path`,
    [outputId, author.jobId ?? null, author.runId ?? null, author.sessionId ?? null],
  );
  if (!row) return false;
  if (row.source_run_id) await addRunOutputFile(tx, row.source_run_id, row.source_file_path);
  await appendEvent(tx, channelFor.gtm(), 'gtm.output.updated', { outputId: row.id, title: row.title });
  return true;
}
