-- What mirroring OpenClaw needs beyond the seed's columns. Every mirrored row carries its `source`
-- ('openclaw' gateway, 'legacy' files, 'host' crontab, 'studio' itself) and OpenClaw's own id, so
-- re-ingesting the same observation is an idempotent upsert.

alter table cron_jobs
  add column source text not null default 'openclaw',
  add column external_id text,                        -- OpenClaw job id / host-cron job name
  add column agent_id text,                           -- OpenClaw agent the job runs as
  add column schedule_kind text not null default 'cron' check (schedule_kind in ('cron', 'every', 'at')),
  add column schedule_spec jsonb not null default '{}', -- OpenClaw's schedule object, verbatim
  add column payload jsonb not null default '{}',       -- OpenClaw's payload object, verbatim
  add column next_run_at timestamptz,
  add column consecutive_errors integer not null default 0,
  add column removed_at timestamptz;                  -- removed in OpenClaw; kept for its run history
create unique index cron_jobs_source_external on cron_jobs(source, external_id);

alter table cron_runs
  add column external_id text,                        -- OpenClaw run id
  add column session_key text,                        -- the isolated session the run ran in
  add column summary text,
  add column error text,
  add column model text,
  add column provider text,
  add column token_usage jsonb not null default '{}', -- {input, output, total}
  add column cost_usd numeric,
  add column suspicious_reason text;                  -- watchdog: reported success but produced nothing
create unique index cron_runs_job_external on cron_runs(job_id, external_id);
-- keyset paging over all runs, newest first
create index cron_runs_started on cron_runs(started_at desc, id desc);

alter table agent_sessions
  add column source text not null default 'openclaw',
  add column agent_id text,
  add column openclaw_session_id text,                -- OpenClaw's sessionId (transcript id)
  add column parent_session_key text,
  add column spawn_depth integer not null default 0,
  add column model text,
  add column provider text,
  add column cost_usd numeric,
  add column cron_job_id uuid references cron_jobs(id);
create index agent_sessions_parent on agent_sessions(parent_session_id);
create index agent_sessions_activity on agent_sessions(last_activity_at desc, id desc);

alter table agent_logs
  add column seq bigint generated always as identity, -- insertion order, for keyset paging and SSE follow
  add column external_id text;                        -- OpenClaw message/tool-call id: dedupes re-ingestion
create unique index agent_logs_session_external on agent_logs(session_id, external_id);
create index agent_logs_session_seq on agent_logs(session_id, seq);

alter table gtm_outputs
  add column source_session_id uuid references agent_sessions(id),
  add column file_hash text,                          -- sha256 of the file as last read from disk
  add column disk_md text,                            -- the disk's version when it conflicts with a studio edit
  add column edited_at timestamptz,                   -- last edit made in the studio
  add column revision integer not null default 1;     -- bumped on every content change (conflict-safe saves)
create unique index gtm_outputs_source_file on gtm_outputs(source_file_path);
create index gtm_outputs_status_created on gtm_outputs(status, created_at desc, id desc);
create index gtm_outputs_created on gtm_outputs(created_at desc, id desc);

create index system_metrics_name_time on system_metrics(metric_name, timestamp desc);
