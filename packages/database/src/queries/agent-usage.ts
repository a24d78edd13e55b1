import type { Queryable } from '../db';
import { bucketedSumsSql, hourBounds, inRing, rollupBounds } from './rollup-bounds';
import type { StatsRange } from './stats-range';

export interface UsageRow {
  key: string;
  tokens: number;
  cost_usd: number;
  sessions: number;
}

const usageBy = (key: string) => `
  select ${key} as key, sum(tokens)::float8 as tokens, sum(cost_usd)::float8 as cost_usd, sum(sessions)::int as sessions from (
    select agent_name, model, sessions, tokens, cost_usd from agent_session_rollups
     where grain = 'day' and ${inRing('bucket', 3, 5, 6, 4)} or grain = 'month' and bucket >= $5 and bucket < $6
    union all
    select agent_name, model, 1, coalesce(tokens_total, 0), coalesce(cost_usd, 0) from agent_sessions where ${inRing('started_at', 1, 3, 4, 2)}
  ) x group by 1 having sum(sessions) > 0 order by 2 desc, 1 limit 20`;
const byAgentSql = usageBy('agent_name');
const byModelSql = usageBy(`coalesce(model, 'unknown')`);

const overTimeSql = bucketedSumsSql({
  hourTable: 'agent_session_hours',
  rawTable: 'agent_sessions',
  at: 'started_at',
  columns: [
    { name: 'sessions', raw: '1', type: 'int' },
    { name: 'tokens', raw: 'coalesce(r.tokens_total, 0)', type: 'float8' },
    { name: 'cost_usd', raw: 'coalesce(r.cost_usd, 0)', type: 'float8' },
  ],
});

/**
 * Tokens and cost of the sessions that started in the range, per agent (top 20), per model (top 20) and per
 * bucket: whole UTC months, days and hours from the rollups, the partial ones at the ends from the sessions.
 */
export async function usageBreakdown(db: Queryable, range: StatsRange): Promise<{ byAgent: UsageRow[]; byModel: UsageRow[]; overTime: (UsageRow & { bucket: Date })[] }> {
  const keyed = rollupBounds(range.from, range.to, ['day', 'month']);
  const [byAgent, byModel, overTime] = await Promise.all([
    db.query<UsageRow>(byAgentSql, keyed),
    db.query<UsageRow>(byModelSql, keyed),
    db.query<Omit<UsageRow, 'key'> & { bucket: Date }>(overTimeSql, [range.bucket, range.timeZone, ...hourBounds(range)]),
  ]);
  return { byAgent, byModel, overTime: overTime.map((r) => ({ ...r, key: '' })) };
}
