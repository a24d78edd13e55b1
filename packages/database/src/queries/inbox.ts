// The inbox's failures: failed cron runs and agent sessions the owner has not acknowledged yet (an
// acknowledgment is kept per run or session, so a failure acknowledged stays out of the inbox for good).
import type { Queryable } from '../db';

export type FailureTargetKind = 'cron_run' | 'agent_session';

export interface InboxFailureRow {
  kind: FailureTargetKind;
  id: string;
  /** The job's name or the agent's. */
  name: string;
  job_id: string | null;
  error: string | null;
  at: Date;
  gateway_id: string;
}

/**
 * Failures since `since` without an acknowledgment, newest first: failed or timed-out runs, and sessions that
 * ended in error outside a cron run (a run's session fails with its run, which is listed).
 */
export async function listUnacknowledgedFailures(
  db: Queryable,
  params: { since: Date; limit?: number; gatewayId?: string },
): Promise<InboxFailureRow[]> {
  return db.query<InboxFailureRow>(
    `select * from (
       select 'cron_run' as kind, r.id, j.name, r.job_id, r.error, coalesce(r.finished_at, r.started_at) as at, r.gateway_id
         from cron_runs r join cron_jobs j on j.id = r.job_id
        where r.status in ('failed', 'timeout') and r.started_at >= $1 and ($3::uuid is null or r.gateway_id = $3)
          and not exists (select 1 from failure_acks a where a.target_kind = 'cron_run' and a.target_id = r.id)
       union all
       select 'agent_session', s.id, s.agent_name, null, nullif(trim(s.progress_message), ''),
              coalesce(s.completed_at, s.last_activity_at), s.gateway_id
         from agent_sessions s
        where s.status = 'error' and s.agent_type <> 'cron' and s.cron_job_id is null and s.last_activity_at >= $1
          and ($3::uuid is null or s.gateway_id = $3)
          and not exists (select 1 from failure_acks a where a.target_kind = 'agent_session' and a.target_id = s.id)
     ) f order by at desc, id desc limit $2`,
    [params.since, params.limit ?? 200, params.gatewayId ?? null],
  );
}

/** Marks a failure seen; false when it already was. */
export async function acknowledgeFailure(
  tx: Queryable,
  target: { kind: FailureTargetKind; id: string },
  actorName: string,
): Promise<boolean> {
  const rows = await tx.query(
    `insert into failure_acks (target_kind, target_id, actor_name) values ($1, $2, $3)
     on conflict (target_kind, target_id) do nothing returning target_id`,
    [target.kind, target.id, actorName],
  );
  return rows.length > 0;
}

export interface InboxContentRow {
  id: string;
  title: string;
  content_type: string;
  updated_at: Date;
  gateway_id: string;
}

/** Content waiting for the owner's review, oldest first. */
export async function listContentPendingReview(
  db: Queryable,
  limit = 200,
  gatewayId?: string,
): Promise<InboxContentRow[]> {
  return db.query<InboxContentRow>(
    `select id, title, content_type, updated_at, gateway_id from gtm_outputs
      where status = 'pending_review' and ($2::uuid is null or gateway_id = $2)
      order by updated_at, id limit $1`,
    [limit, gatewayId ?? null],
  );
}

/** What waits on the owner, by kind (the inbox's three lists). */
export interface InboxCounts {
  approvals: number;
  content: number;
  failures: number;
}

/**
 * How many things wait on the owner, by kind: pending approvals, content to review, failures since `since` not
 * seen; on one gateway when `gatewayId` is given.
 */
export async function countInboxByKind(
  db: Queryable,
  since: Date,
  now: Date = new Date(),
  gatewayId?: string,
): Promise<InboxCounts> {
  const [row] = await db.query<InboxCounts>(
    `select (select count(*) from approvals where status = 'pending' and (expires_at is null or expires_at > $2)
               and ($3::uuid is null or gateway_id = $3))::int as approvals,
            (select count(*) from gtm_outputs where status = 'pending_review' and ($3::uuid is null or gateway_id = $3))::int
              as content,
            (select count(*) from cron_runs r where r.status in ('failed', 'timeout') and r.started_at >= $1
               and ($3::uuid is null or r.gateway_id = $3)
               and not exists (select 1 from failure_acks a where a.target_kind = 'cron_run' and a.target_id = r.id))::int
          + (select count(*) from agent_sessions s
              where s.status = 'error' and s.agent_type <> 'cron' and s.cron_job_id is null and s.last_activity_at >= $1
                and ($3::uuid is null or s.gateway_id = $3)
                and not exists (select 1 from failure_acks a where a.target_kind = 'agent_session' and a.target_id = s.id))::int
              as failures`,
    [since, now, gatewayId ?? null],
  );
  return row ?? { approvals: 0, content: 0, failures: 0 };
}

/** All kinds together (the navigation's badge). */
export const inboxTotal = (n: InboxCounts): number => n.approvals + n.content + n.failures;

/**
 * Marks many failures seen at once (what the owner saw in the inbox); only runs and sessions that did fail are
 * marked. Returns how many were newly marked.
 */
export async function acknowledgeFailures(
  tx: Queryable,
  targets: readonly { kind: FailureTargetKind; id: string }[],
  actorName: string,
): Promise<number> {
  const ids = (kind: FailureTargetKind) => targets.filter((t) => t.kind === kind).map((t) => t.id);
  const rows = await tx.query(
    `insert into failure_acks (target_kind, target_id, actor_name)
     select 'cron_run', r.id, $3 from cron_runs r where r.id = any($1::uuid[]) and r.status in ('failed', 'timeout')
     union all
     select 'agent_session', s.id, $3 from agent_sessions s where s.id = any($2::uuid[]) and s.status = 'error'
     on conflict (target_kind, target_id) do nothing returning target_id`,
    [ids('cron_run'), ids('agent_session'), actorName],
  );
  return rows.length;
}
