-- Rollups of finished runs and of sessions' usage, so the metrics page reads a year as a few thousand rows
-- instead of every run and session (see queries/rollup-bounds.ts for how a range is read from them).
-- Triggers keep them in the same transaction as the rows they count: a run that finishes, a session whose
-- tokens grow, a row that arrives late, changes or is deleted moves its count out of the old buckets and into
-- the new ones, whoever writes it.
--
-- Their rows are deltas: a bucket's figure is the sum of its rows. Triggers only insert, so two writers never
-- wait on (or deadlock over) one shared total row; compact_rollups(), which the bridge calls every minute,
-- merges the rows of the buckets that received new ones.
--
-- Two shapes per table: totals per UTC hour and day (charts in the viewer's time zone sum the hours, or in UTC
-- the days, inside each of their buckets), and per UTC day and month with the key the page groups by (job,
-- agent and model).

-- Durations kept to three significant figures (1.23 s, 45.6 s, 2.35 min): a month of a frequent job is a few
-- hundred distinct values rather than one per run, and a percentile read from them is within 0.5% of the exact one.
create function duration_3_figures(ms integer) returns integer language sql immutable as $$
  select case when ms >= 1000 then round(ms, 3 - length(ms::text))::integer else ms end
$$;

create table cron_run_totals (
  grain text not null check (grain in ('hour', 'day')),
  bucket timestamptz not null,
  runs integer not null,
  succeeded integer not null,
  fresh boolean not null default true -- not yet merged by compact_rollups()
);
create index cron_run_totals_bucket on cron_run_totals (grain, bucket);
create index cron_run_totals_fresh on cron_run_totals (grain, bucket) where fresh;

create table cron_run_rollups (
  grain text not null check (grain in ('day', 'month')),
  bucket timestamptz not null,
  job_id uuid not null,
  duration_ms integer, -- duration_3_figures(); null counts the runs that have no duration
  runs integer not null,
  succeeded integer not null,
  fresh boolean not null default true
);
create index cron_run_rollups_bucket on cron_run_rollups (grain, bucket);
create index cron_run_rollups_fresh on cron_run_rollups (grain, bucket) where fresh;

create table agent_session_totals (
  grain text not null check (grain in ('hour', 'day')),
  bucket timestamptz not null,
  sessions integer not null,
  tokens numeric not null,
  cost_usd numeric not null,
  fresh boolean not null default true
);
create index agent_session_totals_bucket on agent_session_totals (grain, bucket);
create index agent_session_totals_fresh on agent_session_totals (grain, bucket) where fresh;

create table agent_session_rollups (
  grain text not null check (grain in ('day', 'month')),
  bucket timestamptz not null,
  agent_name text not null,
  model text,
  sessions integer not null,
  tokens numeric not null,
  cost_usd numeric not null,
  fresh boolean not null default true
);
create index agent_session_rollups_bucket on agent_session_rollups (grain, bucket);
create index agent_session_rollups_fresh on agent_session_rollups (grain, bucket) where fresh;

-- Counts `added` rows in and `removed` rows out, one delta row per bucket (and key) whose figures change: a
-- session whose tokens grow adds only its growth. Running runs are not counted: the page reports finished ones.
create function count_cron_runs(removed cron_runs[], added cron_runs[]) returns void language plpgsql as $$
begin
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_totals (grain, bucket, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['hour', 'day']) g where status <> 'running'
   group by 1, 2 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_rollups (grain, bucket, job_id, duration_ms, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), job_id, duration_3_figures(duration_ms), sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['day', 'month']) g where status <> 'running' and job_id is not null
   group by 1, 2, 3, 4 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
end;
$$;

create function count_agent_sessions(removed agent_sessions[], added agent_sessions[]) returns void language plpgsql as $$
begin
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into agent_session_totals (grain, bucket, sessions, tokens, cost_usd)
  select g, date_trunc(g, started_at, 'UTC'), sum(sign), coalesce(sum(sign * tokens_total), 0), coalesce(sum(sign * cost_usd), 0)
    from changed cross join unnest(array['hour', 'day']) g where started_at is not null
   group by 1, 2 having sum(sign) <> 0 or coalesce(sum(sign * tokens_total), 0) <> 0 or coalesce(sum(sign * cost_usd), 0) <> 0;
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into agent_session_rollups (grain, bucket, agent_name, model, sessions, tokens, cost_usd)
  select g, date_trunc(g, started_at, 'UTC'), agent_name, model, sum(sign), coalesce(sum(sign * tokens_total), 0), coalesce(sum(sign * cost_usd), 0)
    from changed cross join unnest(array['day', 'month']) g where started_at is not null
   group by 1, 2, 3, 4 having sum(sign) <> 0 or coalesce(sum(sign * tokens_total), 0) <> 0 or coalesce(sum(sign * cost_usd), 0) <> 0;
end;
$$;

-- Inserts and deletes are counted per statement (a page of runs, a bulk import: one delta per bucket and key);
-- updates per row, and only when they change what is counted (a run's log or watchdog verdict costs nothing).
create function roll_up_cron_runs() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then perform count_cron_runs('{}', array(select r::cron_runs from inserted r));
  elsif tg_op = 'DELETE' then perform count_cron_runs(array(select r::cron_runs from deleted r), '{}');
  else perform count_cron_runs(array[old], array[new]);
  end if;
  return null;
end;
$$;

create function roll_up_agent_sessions() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then perform count_agent_sessions('{}', array(select s::agent_sessions from inserted s));
  elsif tg_op = 'DELETE' then perform count_agent_sessions(array(select s::agent_sessions from deleted s), '{}');
  else perform count_agent_sessions(array[old], array[new]);
  end if;
  return null;
end;
$$;

-- Merges the rows of every bucket that received deltas since the last call into one row per key (dropping keys
-- that sum to nothing). A delta committed meanwhile is not in this statement's snapshot: it stays for the next.
create function compact_rollups() returns void language plpgsql as $$
begin
  with buckets as (select distinct grain, bucket from cron_run_totals where fresh),
  gone as (delete from cron_run_totals t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into cron_run_totals (grain, bucket, runs, succeeded, fresh)
  select grain, bucket, sum(runs), sum(succeeded), false from gone
   group by 1, 2 having sum(runs) <> 0 or sum(succeeded) <> 0;

  with buckets as (select distinct grain, bucket from cron_run_rollups where fresh),
  gone as (delete from cron_run_rollups t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into cron_run_rollups (grain, bucket, job_id, duration_ms, runs, succeeded, fresh)
  select grain, bucket, job_id, duration_ms, sum(runs), sum(succeeded), false from gone
   group by 1, 2, 3, 4 having sum(runs) <> 0 or sum(succeeded) <> 0;

  with buckets as (select distinct grain, bucket from agent_session_totals where fresh),
  gone as (delete from agent_session_totals t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into agent_session_totals (grain, bucket, sessions, tokens, cost_usd, fresh)
  select grain, bucket, sum(sessions), sum(tokens), sum(cost_usd), false from gone
   group by 1, 2 having sum(sessions) <> 0 or sum(tokens) <> 0 or sum(cost_usd) <> 0;

  with buckets as (select distinct grain, bucket from agent_session_rollups where fresh),
  gone as (delete from agent_session_rollups t using buckets b where t.grain = b.grain and t.bucket = b.bucket returning t.*)
  insert into agent_session_rollups (grain, bucket, agent_name, model, sessions, tokens, cost_usd, fresh)
  select grain, bucket, agent_name, model, sum(sessions), sum(tokens), sum(cost_usd), false from gone
   group by 1, 2, 3, 4 having sum(sessions) <> 0 or sum(tokens) <> 0 or sum(cost_usd) <> 0;
end;
$$;

create trigger cron_runs_roll_up_inserts after insert on cron_runs referencing new table as inserted
  for each statement execute function roll_up_cron_runs();
create trigger cron_runs_roll_up_deletes after delete on cron_runs referencing old table as deleted
  for each statement execute function roll_up_cron_runs();
create trigger cron_runs_roll_up_updates after update of job_id, started_at, status, duration_ms on cron_runs for each row
  when ((old.job_id, old.started_at, old.status, old.duration_ms) is distinct from (new.job_id, new.started_at, new.status, new.duration_ms))
  execute function roll_up_cron_runs();

create trigger agent_sessions_roll_up_inserts after insert on agent_sessions referencing new table as inserted
  for each statement execute function roll_up_agent_sessions();
create trigger agent_sessions_roll_up_deletes after delete on agent_sessions referencing old table as deleted
  for each statement execute function roll_up_agent_sessions();
create trigger agent_sessions_roll_up_updates after update of agent_name, model, started_at, token_usage, cost_usd on agent_sessions for each row
  when ((old.agent_name, old.model, old.started_at, old.tokens_total, old.cost_usd) is distinct from (new.agent_name, new.model, new.started_at, new.tokens_total, new.cost_usd))
  execute function roll_up_agent_sessions();

select count_cron_runs('{}', array(select r from cron_runs r));
select count_agent_sessions('{}', array(select s from agent_sessions s));
select compact_rollups();

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

insert into public.schema_migrations (version, name) values (20, '0020_create_run_and_usage_rollups') on conflict (version) do nothing;
