import type { Queryable } from '../db';
import { bucketBounds, bucketedSumsSql, inRing, ofGateway, rollupBounds } from './rollup-bounds';
import type { StatsRange } from './stats-range';

export interface UsageRow {
  key: string;
  tokens: number;
  cost_usd: number;
  sessions: number;
}

// per agent and per model in one statement: the rows of the range are read once
const byKeySql = `
  with counted as (
    select agent_name, model, sessions, tokens, cost_usd from agent_session_rollups
     where (grain = 'day' and ${inRing('bucket', 3, 5, 6, 4)} or grain = 'month' and bucket >= $5 and bucket < $6) and ${ofGateway(7)}
    union all
    select agent_name, model, 1, coalesce(tokens_total, 0), coalesce(cost_usd, 0) from agent_sessions
     where ${inRing('started_at', 1, 3, 4, 2)} and ${ofGateway(7)}
  ),
  usage as (
    select 'agent' as per, agent_name as key, sum(tokens) as tokens, sum(cost_usd) as cost_usd, sum(sessions) as sessions from counted group by 2
    union all
    select 'model', coalesce(model, 'unknown'), sum(tokens), sum(cost_usd), sum(sessions) from counted group by 2
  )
  select per, key, tokens::float8, cost_usd::float8, sessions::int
    from (select *, row_number() over (partition by per order by tokens::float8 desc, key) as place from usage where sessions > 0) u
   where place <= 20 order by per, place`;

const overTimeSql = bucketedSumsSql({
  totals: 'agent_session_totals',
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
 * With `range.gatewayId`, that gateway's sessions only.
 */
export async function usageBreakdown(
  db: Queryable,
  range: StatsRange,
): Promise<{ byAgent: UsageRow[]; byModel: UsageRow[]; overTime: (UsageRow & { bucket: Date })[] }> {
  const [byKey, overTime] = await Promise.all([
    db.query<UsageRow & { per: 'agent' | 'model' }>(byKeySql, [
      ...rollupBounds(range.from, range.to, ['day', 'month']),
      range.gatewayId ?? null,
    ]),
    db.query<Omit<UsageRow, 'key'> & { bucket: Date }>(overTimeSql, [
      range.bucket,
      range.timeZone,
      ...bucketBounds(range),
    ]),
  ]);
  const of = (per: 'agent' | 'model') => byKey.filter((r) => r.per === per).map(({ per: _, ...r }) => r);
  return { byAgent: of('agent'), byModel: of('model'), overTime: overTime.map((r) => ({ ...r, key: '' })) };
}
