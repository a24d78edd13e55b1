import type { Queryable } from '../db';
import { bucketedSumsSql, coverRange, spanArgs, spansFrom } from './rollup-spans';
import type { StatsRange } from './stats-range';

export interface UsageRow {
  key: string;
  tokens: number;
  cost_usd: number;
  sessions: number;
}

const usageBy = (key: string) =>
  `with spans as (select * from ${spansFrom(1)}),
   counted as (
     select r.agent_name, r.model, r.sessions, r.tokens, r.cost_usd
       from spans s join agent_session_rollups r on r.grain = s.grain and r.bucket >= s.lo and r.bucket < s.hi
     union all
     select r.agent_name, r.model, 1, coalesce(r.tokens_total, 0), coalesce(r.cost_usd, 0)
       from spans s join agent_sessions r on s.grain = 'raw' and r.started_at >= s.lo and r.started_at < s.hi
   )
   select ${key} as key, sum(tokens)::float8 as tokens, sum(cost_usd)::float8 as cost_usd, sum(sessions)::int as sessions
     from counted group by 1 having sum(sessions) > 0 order by 2 desc, 1 limit 20`;
const byAgentSql = usageBy('agent_name');
const byModelSql = usageBy(`coalesce(model, 'unknown')`);

const overTimeSql = bucketedSumsSql({
  hourTable: 'agent_session_hours',
  rawTable: 'agent_sessions',
  at: 'started_at',
  rawWhere: 'true',
  columns: [
    { name: 'sessions', raw: '1', type: 'int' },
    { name: 'tokens', raw: 'coalesce(r.tokens_total, 0)', type: 'float8' },
    { name: 'cost_usd', raw: 'coalesce(r.cost_usd, 0)', type: 'float8' },
  ],
});

/**
 * Tokens and cost of the sessions that started in the range, per agent (top 20), per model (top 20) and per
 * bucket, from the rollups of whole UTC months, days and hours and the sessions of the partial ones at the ends.
 */
export async function usageBreakdown(db: Queryable, range: StatsRange): Promise<{ byAgent: UsageRow[]; byModel: UsageRow[]; overTime: (UsageRow & { bucket: Date })[] }> {
  const keyed = spanArgs(coverRange(range.from, range.to, ['month', 'day']));
  const [byAgent, byModel, overTime] = await Promise.all([
    db.query<UsageRow>(byAgentSql, keyed),
    db.query<UsageRow>(byModelSql, keyed),
    db.query<UsageRow & { bucket: Date }>(overTimeSql, [range.bucket, range.timeZone, ...spanArgs(coverRange(range.from, range.to, ['hour']))]),
  ]);
  return { byAgent, byModel, overTime: overTime.map((r) => ({ ...r, key: '' })) };
}
