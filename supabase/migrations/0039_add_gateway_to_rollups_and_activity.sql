-- Fleet (issue 18, step 5): the metrics page, its API and the audit log show one gateway's figures when the
-- switcher names one. Until now the rollups (migrations 0015, 0020, 0026) and the audit log were the studio's.
--
-- Run and usage rollups: a delta row is one gateway's, and compaction merges per gateway, so two gateways'
-- figures for one bucket (and job, agent, model) stay apart; all gateways' is their sum. The rollups count
-- the runs and sessions there are (their triggers count deletions out), so they are counted again here from
-- those rows, each now under the gateway it came from: the figures stay what the runs and sessions say.
delete from cron_run_totals;
delete from cron_run_rollups;
delete from agent_session_totals;
delete from agent_session_rollups;
alter table cron_run_totals add column gateway_id uuid not null;
alter table cron_run_rollups add column gateway_id uuid not null;
alter table agent_session_totals add column gateway_id uuid not null;
alter table agent_session_rollups add column gateway_id uuid not null;

create or replace function count_cron_runs(removed cron_runs[], added cron_runs[]) returns void language plpgsql as $$
begin
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_totals (grain, bucket, gateway_id, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), gateway_id, sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['hour', 'day']) g where status not in ('running', 'cancelled')
   group by 1, 2, 3 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_rollups (grain, bucket, gateway_id, job_id, duration_ms, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), gateway_id, job_id, duration_3_figures(duration_ms), sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['day', 'month']) g where status not in ('running', 'cancelled') and job_id is not null
   group by 1, 2, 3, 4, 5 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
end;
$$;

create or replace function count_agent_sessions(removed agent_sessions[], added agent_sessions[]) returns void language plpgsql as $$
begin
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into agent_session_totals (grain, bucket, gateway_id, sessions, tokens, cost_usd)
  select g, date_trunc(g, started_at, 'UTC'), gateway_id, sum(sign), coalesce(sum(sign * tokens_total), 0), coalesce(sum(sign * cost_usd), 0)
    from changed cross join unnest(array['hour', 'day']) g where started_at is not null
   group by 1, 2, 3 having sum(sign) <> 0 or coalesce(sum(sign * tokens_total), 0) <> 0 or coalesce(sum(sign * cost_usd), 0) <> 0;
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into agent_session_rollups (grain, bucket, gateway_id, agent_name, model, sessions, tokens, cost_usd)
  select g, date_trunc(g, started_at, 'UTC'), gateway_id, agent_name, model, sum(sign), coalesce(sum(sign * tokens_total), 0), coalesce(sum(sign * cost_usd), 0)
    from changed cross join unnest(array['day', 'month']) g where started_at is not null
   group by 1, 2, 3, 4, 5 having sum(sign) <> 0 or coalesce(sum(sign * tokens_total), 0) <> 0 or coalesce(sum(sign * cost_usd), 0) <> 0;
end;
$$;

-- A row moved to another gateway moves its counts too.
drop trigger cron_runs_roll_up_updates on cron_runs;
create trigger cron_runs_roll_up_updates after update of job_id, started_at, status, duration_ms, gateway_id on cron_runs for each row
  when ((old.job_id, old.started_at, old.status, old.duration_ms, old.gateway_id) is distinct from (new.job_id, new.started_at, new.status, new.duration_ms, new.gateway_id))
  execute function roll_up_cron_runs();
drop trigger agent_sessions_roll_up_updates on agent_sessions;
create trigger agent_sessions_roll_up_updates after update of agent_name, model, started_at, token_usage, cost_usd, gateway_id on agent_sessions for each row
  when ((old.agent_name, old.model, old.started_at, old.tokens_total, old.cost_usd, old.gateway_id) is distinct from (new.agent_name, new.model, new.started_at, new.tokens_total, new.cost_usd, new.gateway_id))
  execute function roll_up_agent_sessions();

create or replace function compact_rollups() returns void language plpgsql as $$
begin
  with buckets as (select distinct grain, bucket from cron_run_totals where fresh),
  gone as (delete from cron_run_totals t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into cron_run_totals (grain, bucket, gateway_id, runs, succeeded, fresh)
  select grain, bucket, gateway_id, sum(runs), sum(succeeded), false from gone
   group by 1, 2, 3 having sum(runs) <> 0 or sum(succeeded) <> 0;

  with buckets as (select distinct grain, bucket from cron_run_rollups where fresh),
  gone as (delete from cron_run_rollups t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into cron_run_rollups (grain, bucket, gateway_id, job_id, duration_ms, runs, succeeded, fresh)
  select grain, bucket, gateway_id, job_id, duration_ms, sum(runs), sum(succeeded), false from gone
   group by 1, 2, 3, 4, 5 having sum(runs) <> 0 or sum(succeeded) <> 0;

  with buckets as (select distinct grain, bucket from agent_session_totals where fresh),
  gone as (delete from agent_session_totals t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into agent_session_totals (grain, bucket, gateway_id, sessions, tokens, cost_usd, fresh)
  select grain, bucket, gateway_id, sum(sessions), sum(tokens), sum(cost_usd), false from gone
   group by 1, 2, 3 having sum(sessions) <> 0 or sum(tokens) <> 0 or sum(cost_usd) <> 0;

  with buckets as (select distinct grain, bucket from agent_session_rollups where fresh),
  gone as (delete from agent_session_rollups t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into agent_session_rollups (grain, bucket, gateway_id, agent_name, model, sessions, tokens, cost_usd, fresh)
  select grain, bucket, gateway_id, agent_name, model, sum(sessions), sum(tokens), sum(cost_usd), false from gone
   group by 1, 2, 3, 4, 5 having sum(sessions) <> 0 or sum(tokens) <> 0 or sum(cost_usd) <> 0;
end;
$$;

select count_cron_runs('{}', array(select r from cron_runs r));
select count_agent_sessions('{}', array(select s from agent_sessions s));
select compact_rollups();

-- System samples: the sampler keeps the studio's own samples (gateway_id null: every gateway's figures, and
-- what only the studio's host has, its disks) and adds each gateway's (up, active agents, usage, success rate).
-- Every sample taken so far was the studio's, so existing rows stay null.
alter table system_metrics add column gateway_id uuid references gateways(id);
alter table system_metric_rollups add column gateway_id uuid references gateways(id);
alter table system_metric_rollups drop constraint system_metric_rollups_pkey;
alter table system_metric_rollups add constraint system_metric_rollups_key
  unique nulls not distinct (metric_name, granularity, bucket, gateway_id);
-- the newest sample of a metric, the studio's or one gateway's
drop index system_metrics_name_time;
create index system_metrics_name_time on system_metrics(metric_name, gateway_id, timestamp desc);

create or replace function roll_up_system_metrics() returns trigger language plpgsql as $$
begin
  insert into system_metric_rollups as r (metric_name, granularity, bucket, gateway_id, count, sum, min, max)
  select s.metric_name, g.granularity, date_trunc(g.granularity, s.timestamp, 'UTC'), s.gateway_id, count(*), sum(s.value), min(s.value), max(s.value)
    from inserted s cross join (values ('hour'), ('day')) g(granularity)
   group by 1, 2, 3, 4
  on conflict (metric_name, granularity, bucket, gateway_id) do update set
    count = r.count + excluded.count, sum = r.sum + excluded.sum, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max);
  return null;
end;
$$;

-- The audit log: an entry is a gateway's when what it acted on is (its command, or the job, run, session,
-- content item or approval it names); null for the studio's own (settings, tokens, webhooks, budgets), shown
-- under every gateway. Set when the entry is written, so it stays when its command or target is removed.
alter table activity add column gateway_id uuid references gateways(id);

create function activity_gateway(command_id uuid, target_kind text, target_id text) returns uuid language sql stable as $$
  select coalesce(
    (select gateway_id from commands where id = $1),
    (select case $2
              when 'cron_job' then (select gateway_id from cron_jobs where id = t.id)
              when 'cron_run' then (select gateway_id from cron_runs where id = t.id)
              when 'agent_session' then (select gateway_id from agent_sessions where id = t.id)
              when 'gtm_output' then (select gateway_id from gtm_outputs where id = t.id)
              when 'approval' then (select gateway_id from approvals where id = t.id)
            end
       from (select case when $3 ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then $3::uuid end as id) t)
  )
$$;

create function set_activity_gateway() returns trigger language plpgsql as $$
begin
  new.gateway_id := coalesce(new.gateway_id, activity_gateway(new.command_id, new.target_kind, new.target_id));
  return new;
end;
$$;

-- also on update: a creating command's entry learns its target (the new job) when the command ends
create trigger activity_gateway before insert or update of command_id, target_kind, target_id on activity
  for each row execute function set_activity_gateway();

update activity set gateway_id = activity_gateway(command_id, target_kind, target_id);

-- ---------------------------------------------------------------------------------------------------------
-- Generated by scripts/supabase-sync.mjs: do not edit (change packages/database/migrations, then
-- `npm run supabase:sync`). Only the owner may use the tables through Supabase's API roles.
create table if not exists public.schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now());

create or replace function public.studio_is_owner() returns boolean
  language sql stable security definer set search_path = ''
  as $$ select auth.uid() is not null and exists (select 1 from public.users where id = auth.uid()) $$;

-- RLS decides which rows, privileges which statements: the API roles keep only the four that RLS governs
-- (TRUNCATE, REFERENCES and TRIGGER bypass it) and may call no function but studio_is_owner(). Triggers run
-- with their owner's rights, so the rollups and notifications they write still follow the owner's rows.
do $$
declare t record;
begin
  for t in select tablename from pg_tables where schemaname = 'public' loop
    execute format('alter table public.%I enable row level security', t.tablename);
    execute format('drop policy if exists studio_owner_only on public.%I', t.tablename);
    execute format('create policy studio_owner_only on public.%I for all to authenticated using (public.studio_is_owner()) with check (public.studio_is_owner())', t.tablename);
    execute format('revoke all on public.%I from public, anon, authenticated', t.tablename);
    execute format('grant select, insert, update, delete on public.%I to authenticated', t.tablename);
  end loop;
  for t in select p.oid::regprocedure as fn from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prorettype = 'trigger'::regtype loop
    execute format('alter function %s security definer set search_path = public, pg_temp', t.fn);
  end loop;
end $$;
revoke all on all sequences in schema public from public, anon, authenticated;
revoke all on all functions in schema public from public, anon, authenticated;
grant execute on function public.studio_is_owner() to authenticated;
-- Whatever is created later starts closed as well (PUBLIC's EXECUTE on functions is a database-wide default,
-- so it is revoked for every function this role creates).
alter default privileges in schema public revoke all on tables from public, anon, authenticated;
alter default privileges in schema public revoke all on sequences from public, anon, authenticated;
alter default privileges in schema public revoke all on functions from public, anon, authenticated;
alter default privileges revoke execute on functions from public;

insert into public.schema_migrations (version, name) values (39, '0039_add_gateway_to_rollups_and_activity') on conflict (version) do nothing;
