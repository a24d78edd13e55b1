// The command palette's search over everything (issue 16 item 8): jobs and sessions here, content through
// its own full-text search. Sessions of one name (a job's run sessions, a recurring chat) are one hit with a
// count and the newest of them, so "digest" is one line, not one per run.
import type { Queryable } from '../db';

/** `%term%` for ILIKE, the term's own % and _ taken literally. */
const contains = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface JobHit {
  id: string;
  name: string;
  enabled: boolean;
  source: string;
  next_run_at: Date | null;
  last_run_at: Date | null;
  removed: boolean;
}

/** Jobs whose name, message or description holds `q` (of `gatewayId` when given); kept ones first, then by name. */
export async function searchJobs(db: Queryable, q: string, limit: number, gatewayId?: string): Promise<JobHit[]> {
  return db.query<JobHit>(
    `select id, name, enabled, source, next_run_at, last_run_at, removed_at is not null as removed from cron_jobs
      where (name ilike $1 or command ilike $1 or description ilike $1) and ($3::uuid is null or gateway_id = $3)
      order by removed_at is not null, (name ilike $1) desc, name limit $2`,
    [contains(q), limit, gatewayId ?? null],
  );
}

export interface SessionGroupHit {
  agent_name: string;
  agent_type: string;
  /** How many sessions have this name. */
  count: number;
  newest_id: string;
  newest_status: string;
  newest_at: Date;
}

/** Sessions whose name or key holds `q` (of `gatewayId` when given), one hit per name: how many, and the newest. */
export async function searchSessionGroups(
  db: Queryable,
  q: string,
  limit: number,
  gatewayId?: string,
): Promise<SessionGroupHit[]> {
  return db.query<SessionGroupHit>(
    `select agent_name, agent_type, count(*)::int as count,
            (array_agg(id order by last_activity_at desc, id desc))[1] as newest_id,
            (array_agg(status order by last_activity_at desc, id desc))[1] as newest_status,
            max(last_activity_at) as newest_at
       from agent_sessions
      where (agent_name ilike $1 or session_key ilike $1) and ($3::uuid is null or gateway_id = $3)
      group by agent_name, agent_type
      order by max(last_activity_at) desc limit $2`,
    [contains(q), limit, gatewayId ?? null],
  );
}
