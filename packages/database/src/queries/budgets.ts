import type { Queryable } from '../db';

export type BudgetScope = 'job' | 'agent' | 'day';
export type BudgetAction = 'abort' | 'warn';

export interface BudgetRow {
  id: string;
  scope: BudgetScope;
  /** cron_jobs.id for `job`, the OpenClaw agent id for `agent`, '' for `day`. */
  target: string;
  /** The gateway whose spending it limits; null: the whole fleet's (a job budget: its job's gateway). */
  gateway_id: string | null;
  max_tokens: number | null;
  max_cost_usd: number | null;
  action: BudgetAction;
  created_at: Date;
  updated_at: Date;
}

export interface BudgetInput {
  scope: BudgetScope;
  target: string;
  /** One gateway's (agent and day budgets); null or left out: the fleet's. */
  gatewayId?: string | null;
  maxTokens: number | null;
  maxCostUsd: number | null;
  action: BudgetAction;
}

// bigint and numeric arrive as text from both drivers
const COLUMNS = (b: string) =>
  `${b}.id, ${b}.scope, ${b}.target, ${b}.gateway_id, ${b}.max_tokens::float8 as max_tokens, ${b}.max_cost_usd::float8 as max_cost_usd, ${b}.action, ${b}.created_at, ${b}.updated_at`;
const SELECT = `select ${COLUMNS('budgets')} from budgets`;

/** Sets the budget of a scope, target and gateway (or the fleet: one each), replacing the one there was. */
export async function upsertBudget(db: Queryable, input: BudgetInput): Promise<BudgetRow> {
  const [row] = await db.query<{ id: string }>(
    `insert into budgets (scope, target, gateway_id, max_tokens, max_cost_usd, action) values ($1, $2, $3, $4, $5, $6)
     on conflict (scope, target, gateway_id) do update set max_tokens = excluded.max_tokens, max_cost_usd = excluded.max_cost_usd, action = excluded.action, updated_at = now()
     returning id`,
    [input.scope, input.target, input.gatewayId ?? null, input.maxTokens, input.maxCostUsd, input.action],
  );
  return (await getBudget(db, row!.id))!;
}

export async function getBudget(db: Queryable, id: string): Promise<BudgetRow | null> {
  const [row] = await db.query<BudgetRow>(`${SELECT} where id = $1`, [id]);
  return row ?? null;
}

export async function listBudgets(
  db: Queryable,
  params: { scope?: BudgetScope; target?: string } = {},
): Promise<BudgetRow[]> {
  return db.query<BudgetRow>(
    `${SELECT} where ($1::text is null or scope = $1) and ($2::text is null or target = $2) order by scope, target, gateway_id nulls first`,
    [params.scope ?? null, params.target ?? null],
  );
}

export async function deleteBudget(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('delete from budgets where id = $1 returning id', [id])).length > 0;
}

/** A session that passed a job or agent budget, not yet acted on. */
export interface SessionBreach {
  budget: BudgetRow;
  sessionId: string;
  sessionKey: string;
  /** The session's gateway, which a command stopping it (or pausing its job) goes to. */
  gatewayId: string;
  agentName: string;
  cronJobId: string | null;
  running: boolean;
  tokens: number;
  costUsd: number | null;
}

const TOKENS = `coalesce((s.token_usage->>'total')::float8, 0)`;
const COST = `coalesce(s.cost_usd, (s.token_usage->>'cost')::float8)`;

/**
 * Sessions over their job's or agent's budget that no breach was recorded for. Recently finished sessions
 * count too (usage may be reported only at the end): a job whose run passed its budget is still paused.
 */
export async function findSessionBreaches(db: Queryable): Promise<SessionBreach[]> {
  const rows = await db.query<
    BudgetRow & {
      session_id: string;
      session_key: string;
      session_gateway_id: string;
      agent_name: string;
      cron_job_id: string | null;
      running: boolean;
      tokens: number;
      cost: number | null;
    }
  >(
    `select ${COLUMNS('b')},
            s.id as session_id, s.session_key, s.gateway_id as session_gateway_id, s.agent_name, s.cron_job_id, s.status = 'running' as running, ${TOKENS} as tokens, ${COST}::float8 as cost
       from budgets b
       join agent_sessions s on ((b.scope = 'job' and s.cron_job_id::text = b.target) or (b.scope = 'agent' and s.agent_id = b.target))
                            and (b.gateway_id is null or s.gateway_id = b.gateway_id)
      where (s.status = 'running' or (s.last_activity_at > now() - interval '10 minutes' and s.started_at >= b.created_at - interval '1 minute'))
        and ((b.max_tokens is not null and ${TOKENS} > b.max_tokens) or (b.max_cost_usd is not null and coalesce(${COST}, 0) > b.max_cost_usd))
        and not exists (select 1 from budget_breaches x where x.budget_id = b.id and x.session_id = s.id)`,
  );
  return rows.map(
    ({ session_id, session_key, session_gateway_id, agent_name, cron_job_id, running, tokens, cost, ...budget }) => ({
      budget,
      sessionId: session_id,
      sessionKey: session_key,
      gatewayId: session_gateway_id,
      agentName: agent_name,
      cronJobId: cron_job_id,
      running,
      tokens,
      costUsd: cost,
    }),
  );
}

/** The spending of the sessions that started today (UTC): on gateway `gateway` (an SQL value), or everywhere when null. */
const spentTodaySql = (gateway: string) =>
  `select coalesce(sum(${TOKENS}), 0)::float8 as tokens, coalesce(sum(${COST}), 0)::float8 as cost
     from agent_sessions s
    where s.started_at >= date_trunc('day', now() at time zone 'UTC') at time zone 'UTC'
      and (${gateway} is null or s.gateway_id = ${gateway})`;

/**
 * What the agents spent today (UTC) on one gateway, or on every gateway: what a daily budget is judged by (the
 * tokens and cost of the sessions that started today, a running one's as counted so far).
 */
export async function spentToday(db: Queryable, gatewayId?: string): Promise<{ tokens: number; costUsd: number }> {
  const [row] = await db.query<{ tokens: number; cost: number }>(spentTodaySql('$1::uuid'), [gatewayId ?? null]);
  return { tokens: row?.tokens ?? 0, costUsd: row?.cost ?? 0 };
}

export interface DayBreach {
  budget: BudgetRow;
  tokens: number;
  costUsd: number;
}

/**
 * The daily budgets whose day's spending (UTC) passed them and no breach was recorded today: a gateway's counts
 * that gateway's sessions only, the fleet's every gateway's.
 */
export async function findDayBreaches(db: Queryable): Promise<DayBreach[]> {
  const rows = await db.query<BudgetRow & { tokens: number; cost: number }>(
    `select ${COLUMNS('b')}, t.tokens, t.cost
       from budgets b, lateral (${spentTodaySql('b.gateway_id')}) t
      where b.scope = 'day'
        and ((b.max_tokens is not null and t.tokens > b.max_tokens) or (b.max_cost_usd is not null and t.cost > b.max_cost_usd))
        and not exists (select 1 from budget_breaches x where x.budget_id = b.id and x.day = (now() at time zone 'UTC')::date)
      order by b.gateway_id nulls first`,
  );
  return rows.map(({ tokens, cost, ...budget }) => ({ budget, tokens, costUsd: cost }));
}

/** Records a breach once; false when it was already recorded (another watcher got there first). */
export async function recordBudgetBreach(
  tx: Queryable,
  input: {
    budgetId: string;
    sessionId?: string | null;
    day?: boolean;
    tokens: number;
    costUsd: number | null;
    action: BudgetAction;
  },
): Promise<boolean> {
  const rows = await tx.query(
    `insert into budget_breaches (budget_id, session_id, day, tokens, cost_usd, action)
     values ($1, $2, case when $3 then (now() at time zone 'UTC')::date end, $4, $5, $6) on conflict do nothing returning id`,
    [
      input.budgetId,
      input.sessionId ?? null,
      input.day ?? false,
      Math.round(input.tokens),
      input.costUsd,
      input.action,
    ],
  );
  return rows.length > 0;
}
