import type { Queryable } from '../db';
import { rangeArgs, type StatsRange } from './stats-range';

export interface UsageRow {
  key: string;
  tokens: number;
  cost_usd: number;
  sessions: number;
}

const usage = `coalesce(sum(tokens_total), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd, count(*)::int as sessions`;
const inRange = 'started_at >= $1 and started_at < $2';

/**
 * Tokens and cost of the sessions that started in the range, per agent (top 20), per model (top 20) and per
 * bucket. Three plain aggregates (in parallel on Postgres): one pass with grouping sets sorted a year of
 * sessions on disk and was slower.
 */
export async function usageBreakdown(db: Queryable, range: StatsRange): Promise<{ byAgent: UsageRow[]; byModel: UsageRow[]; overTime: (UsageRow & { bucket: Date })[] }> {
  const [byAgent, byModel, overTime] = await Promise.all([
    db.query<UsageRow>(`select agent_name as key, ${usage} from agent_sessions where ${inRange} group by 1 order by 2 desc, 1 limit 20`, rangeArgs(range).slice(0, 2)),
    db.query<UsageRow>(`select coalesce(model, 'unknown') as key, ${usage} from agent_sessions where ${inRange} group by 1 order by 2 desc, 1 limit 20`, rangeArgs(range).slice(0, 2)),
    db.query<UsageRow & { bucket: Date }>(`select date_trunc($3, started_at, $4) as bucket, '' as key, ${usage} from agent_sessions where ${inRange} group by 1 order by 1`, rangeArgs(range)),
  ]);
  return { byAgent, byModel, overTime };
}
