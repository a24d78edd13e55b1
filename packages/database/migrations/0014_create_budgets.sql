-- Token/cost budgets. `job`: each run of one cron job (target = cron_jobs.id); `agent`: each session of one
-- OpenClaw agent (target = agent id); `day`: everything the agents spend in one UTC day (target = '').
-- The bridge's budget watcher aborts a session that passes one (action 'abort'), or only says so ('warn');
-- a job whose run passed an 'abort' budget is paused, with the reason kept on the job.
create table budgets (
  id uuid primary key default gen_random_uuid(),
  scope text not null check (scope in ('job', 'agent', 'day')),
  target text not null default '',
  max_tokens bigint check (max_tokens > 0),
  max_cost_usd numeric check (max_cost_usd > 0),
  action text not null default 'abort' check (action in ('abort', 'warn')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (scope, target),
  check (max_tokens is not null or max_cost_usd is not null)
);

-- One row per budget passed (per session, or per day for the daily budget): the watcher acts once.
create table budget_breaches (
  id uuid primary key default gen_random_uuid(),
  budget_id uuid not null references budgets(id) on delete cascade,
  session_id uuid references agent_sessions(id) on delete cascade,
  day date,
  tokens bigint not null,
  cost_usd numeric,
  action text not null,
  created_at timestamptz not null default now()
);
create unique index budget_breaches_session_once on budget_breaches(budget_id, session_id) where session_id is not null;
create unique index budget_breaches_day_once on budget_breaches(budget_id, day) where day is not null;

alter table cron_jobs add column paused_reason text; -- why the studio paused it (a budget), cleared on resume

create index agent_sessions_agent on agent_sessions(agent_id); -- the agents a budget can be set for
