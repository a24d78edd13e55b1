import type { Queryable } from '../db';
import { rangeArgs, type StatsRange } from './stats-range';

export interface UsageRow {
  key: string;
  tokens: number;
  cost_usd: number;
  sessions: number;
}

const byTokens = (a: UsageRow, b: UsageRow) => b.tokens - a.tokens || a.key.localeCompare(b.key);

/** Tokens and cost of the sessions that started in the range, per agent (top 20), per model (top 20) and per bucket. */
export async function usageBreakdown(db: Queryable, range: StatsRange): Promise<{ byAgent: UsageRow[]; byModel: UsageRow[]; overTime: (UsageRow & { bucket: Date })[] }> {
  // one pass over a year of sessions instead of three
  const rows = await db.query<UsageRow & { dim: 'agent' | 'model' | 'time'; bucket: Date | null }>(
    `select case when grouping(agent_name) = 0 then 'agent' when grouping(coalesce(model, 'unknown')) = 0 then 'model' else 'time' end as dim,
            coalesce(agent_name, coalesce(model, 'unknown'), '') as key, date_trunc($3, started_at, $4) as bucket,
            coalesce(sum(tokens_total), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd, count(*)::int as sessions
       from agent_sessions where started_at >= $1 and started_at < $2
      group by grouping sets ((agent_name), (coalesce(model, 'unknown')), (date_trunc($3, started_at, $4)))`,
    rangeArgs(range),
  );
  const of = (dim: string) => rows.filter((r) => r.dim === dim).map(({ dim: _d, bucket: _b, ...r }) => r);
  return {
    byAgent: of('agent').sort(byTokens).slice(0, 20),
    byModel: of('model').sort(byTokens).slice(0, 20),
    overTime: rows.filter((r) => r.dim === 'time').map(({ dim: _d, ...r }) => ({ ...r, key: '', bucket: r.bucket! })).sort((a, b) => a.bucket.getTime() - b.bucket.getTime()),
  };
}
