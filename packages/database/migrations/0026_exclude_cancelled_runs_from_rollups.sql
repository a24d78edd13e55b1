-- A run cancelled by its owner or by a budget neither succeeded nor failed: the run rollups leave it out, as
-- they leave out running ones, so success rates and run counts are of the runs that ran to an end.

-- the cancelled runs already counted (none before this version wrote the status) leave the rollups first,
-- while count_cron_runs still counts them
select count_cron_runs(array(select r from cron_runs r where status = 'cancelled'), '{}');

create or replace function count_cron_runs(removed cron_runs[], added cron_runs[]) returns void language plpgsql as $$
begin
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_totals (grain, bucket, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['hour', 'day']) g where status not in ('running', 'cancelled')
   group by 1, 2 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
  with changed as (select *, -1 as sign from unnest(removed) union all select *, 1 from unnest(added))
  insert into cron_run_rollups (grain, bucket, job_id, duration_ms, runs, succeeded)
  select g, date_trunc(g, started_at, 'UTC'), job_id, duration_3_figures(duration_ms), sum(sign), coalesce(sum(sign) filter (where status = 'completed'), 0)
    from changed cross join unnest(array['day', 'month']) g where status not in ('running', 'cancelled') and job_id is not null
   group by 1, 2, 3, 4 having sum(sign) <> 0 or coalesce(sum(sign) filter (where status = 'completed'), 0) <> 0;
end;
$$;

select compact_rollups();
