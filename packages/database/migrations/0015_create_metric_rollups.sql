-- Hourly and daily rollups of `system_metrics` (UTC buckets), so a chart over weeks or a year reads a few
-- thousand rows instead of half a million per metric. A statement trigger folds every insert into them in the
-- same transaction: they never lag or drift from the raw rows, whoever writes them, and old raw rows may be
-- deleted without changing them. The insert below rolls up what was sampled before this migration.
create table system_metric_rollups (
  metric_name text not null,
  granularity text not null check (granularity in ('hour', 'day')),
  bucket timestamptz not null,
  count integer not null,
  sum double precision not null,
  min double precision not null,
  max double precision not null,
  primary key (metric_name, granularity, bucket)
);

create function roll_up_system_metrics() returns trigger language plpgsql as $$
begin
  insert into system_metric_rollups as r (metric_name, granularity, bucket, count, sum, min, max)
  select s.metric_name, g.granularity, date_trunc(g.granularity, s.timestamp, 'UTC'), count(*), sum(s.value), min(s.value), max(s.value)
    from inserted s cross join (values ('hour'), ('day')) g(granularity)
   group by 1, 2, 3
  on conflict (metric_name, granularity, bucket) do update set
    count = r.count + excluded.count, sum = r.sum + excluded.sum, min = least(r.min, excluded.min), max = greatest(r.max, excluded.max);
  return null;
end;
$$;

create trigger system_metrics_roll_up after insert on system_metrics
  referencing new table as inserted for each statement execute function roll_up_system_metrics();

insert into system_metric_rollups (metric_name, granularity, bucket, count, sum, min, max)
select s.metric_name, g.granularity, date_trunc(g.granularity, s.timestamp, 'UTC'), count(*), sum(s.value), min(s.value), max(s.value)
  from system_metrics s cross join (values ('hour'), ('day')) g(granularity)
 group by 1, 2, 3;

-- The metrics page reads a range of runs, sessions and published content: covering indexes let a year of runs
-- and sessions be aggregated from the index alone, without visiting their wide rows (logs, transcripts).
create index cron_runs_stats on cron_runs(started_at) include (job_id, status, duration_ms);
-- A session's total tokens as a number, so summing a year of sessions does not parse a year of JSON.
alter table agent_sessions add column tokens_total numeric
  generated always as (case when jsonb_typeof(token_usage->'total') = 'number' then (token_usage->>'total')::numeric end) stored;
create index agent_sessions_usage on agent_sessions(started_at) include (agent_name, model, cost_usd, tokens_total);
create index gtm_outputs_published on gtm_outputs(published_at) where published_at is not null;
