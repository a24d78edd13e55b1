-- The seed's data model (SEED-SPEC.md §2), as written there, with `auth.users` replaced by `users` and the
-- Supabase-only `alter publication supabase_realtime` lines left to supabase/ (the studio streams its own events).

create table cron_jobs (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  schedule text not null,
  timezone text default 'America/Chicago',
  command text not null,
  enabled boolean default true,
  category text,
  description text,
  last_run_at timestamptz,
  last_status text,
  last_duration_ms integer,
  last_error text,
  recent_runs jsonb default '[]',
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table cron_runs (
  id uuid primary key default gen_random_uuid(),
  job_id uuid references cron_jobs(id),
  started_at timestamptz not null,
  finished_at timestamptz,
  status text not null,
  exit_code integer,
  stdout text,
  stderr text,
  output_files text[],
  duration_ms integer,
  memory_peak_mb integer,
  trigger_type text default 'scheduled',
  triggered_by uuid references users(id),
  created_at timestamptz default now()
);

create index idx_cron_runs_job_time on cron_runs(job_id, started_at desc);
create index idx_cron_runs_status on cron_runs(status) where status = 'running';

create table gtm_outputs (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  content_type text not null,
  status text default 'draft',
  content_md text,
  content_html text,
  source_job_id uuid references cron_jobs(id),
  source_run_id uuid references cron_runs(id),
  source_file_path text,
  priority integer default 5,
  created_by uuid references users(id),
  reviewed_by uuid references users(id),
  reviewed_at timestamptz,
  scheduled_for timestamptz,
  published_at timestamptz,
  published_url text,
  metrics jsonb default '{}',
  tags text[],
  search_vector tsvector,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create index idx_gtm_outputs_search on gtm_outputs using gin(search_vector);

create or replace function gtm_search_vector()
returns trigger as $$
begin
  new.search_vector :=
    setweight(to_tsvector('english', coalesce(new.title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(new.content_md, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(array_to_string(new.tags, ' '), '')), 'C');
  return new;
end;
$$ language plpgsql;

create trigger gtm_search_trigger
  before insert or update on gtm_outputs
  for each row execute function gtm_search_vector();

create table agent_sessions (
  id uuid primary key default gen_random_uuid(),
  agent_name text not null,
  agent_type text not null,
  session_key text unique,
  status text default 'idle',
  task_description text,
  task_context jsonb default '{}',
  parent_session_id uuid references agent_sessions(id),
  swarm_id uuid,
  progress_percent integer default 0,
  progress_message text,
  started_at timestamptz default now(),
  last_activity_at timestamptz default now(),
  completed_at timestamptz,
  outputs jsonb default '[]',
  final_output text,
  token_usage jsonb default '{}',
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create index idx_agent_sessions_status on agent_sessions(status) where status in ('running', 'idle');
create index idx_agent_sessions_swarm on agent_sessions(swarm_id);

create table agent_logs (
  id uuid primary key default gen_random_uuid(),
  session_id uuid references agent_sessions(id),
  level text not null,
  message text not null,
  metadata jsonb default '{}',
  tool_name text,
  tool_input jsonb,
  tool_output jsonb,
  tool_duration_ms integer,
  timestamp timestamptz default now()
);

create index idx_agent_logs_session on agent_logs(session_id, timestamp desc);

create or replace function cleanup_old_agent_logs()
returns void as $$
begin
  delete from agent_logs where timestamp < now() - interval '30 days';
end;
$$ language plpgsql;

create table system_metrics (
  id uuid primary key default gen_random_uuid(),
  metric_type text not null,
  metric_name text not null,
  value numeric not null,
  unit text,
  metadata jsonb default '{}',
  timestamp timestamptz default now()
);

create index idx_system_metrics_time on system_metrics(metric_type, timestamp desc);
