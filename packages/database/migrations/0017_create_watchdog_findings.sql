-- The bridge's watchdog: runs a job's schedule promised that never happened (one row per expected time, so
-- each is reported once, across restarts), and which finished runs it has judged for being suspicious
-- (cron_runs.suspicious_reason, from 0003, holds the verdict).
create table cron_missed_runs (
  id uuid primary key default gen_random_uuid(),
  job_id uuid not null references cron_jobs(id),
  expected_at timestamptz not null,
  detected_at timestamptz not null default now(),
  unique (job_id, expected_at)
);
create index cron_missed_runs_expected on cron_missed_runs(expected_at desc);

alter table cron_runs add column watchdog_checked_at timestamptz;
-- history from before the watchdog is not judged
update cron_runs set watchdog_checked_at = now() where status <> 'running';
create index cron_runs_unchecked on cron_runs(finished_at) where watchdog_checked_at is null;

-- a run found by its session (linking content and cost to the run that wrote it)
create index cron_runs_session_key on cron_runs(session_key) where session_key is not null;
