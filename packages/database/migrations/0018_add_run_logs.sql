-- Host-cron runs (`agent-studio exec`, crontab lines read by the bridge: cron_jobs.source = 'host') run no
-- OpenClaw session, so their stdout/stderr lines are agent_logs rows of the run itself: `run_id` instead of
-- `session_id`, keyed by the line's number in the run (`external_id`) so re-importing a spool file is a no-op.
alter table agent_logs add column run_id uuid references cron_runs(id);
create unique index agent_logs_run_external on agent_logs(run_id, external_id);
create index agent_logs_run_seq on agent_logs(run_id, seq);

-- Transcripts of OpenClaw installs before 2026.6.1 are files named by sessionId: find their session by it.
create index agent_sessions_openclaw_session on agent_sessions(openclaw_session_id);
