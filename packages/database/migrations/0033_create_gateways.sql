-- Fleet (issue 18, step 1): gateways are first-class. Every mirrored row belongs to the gateway it was read
-- from, and OpenClaw's ids and session keys are unique per gateway, not across the studio: two gateways may
-- both have a job "daily-digest" or a session "agent:main:main".
--
-- One row per OpenClaw gateway. The bridge serving it keeps url, version, state and last_seen_at current.
create table gateways (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  url text,                                   -- the gateway's WebSocket URL, as the bridge reaches it
  openclaw_version text,                      -- from the gateway's hello
  host text,                                  -- the machine it runs on
  -- unknown: no bridge has reported on it yet; connected / disconnected: as its bridge last saw it
  state text not null default 'unknown' check (state in ('unknown', 'connected', 'disconnected')),
  last_error text,                            -- why it was last not connected
  last_seen_at timestamptz,                   -- when its bridge last had it connected
  served_by text,                             -- the bridge that serves it (bridge@host)
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- What the studio held before this migration came from one gateway: it becomes the default gateway. Its id
-- is fixed (DEFAULT_GATEWAY_ID in queries/gateways.ts).
insert into gateways (id, name) values ('00000000-0000-0000-0000-000000000001', 'default');

-- The mirrored tables. Existing rows are the default gateway's. The default stays for rows the studio makes
-- itself (content written in the studio); the bridge names its gateway on every write.
-- Not here: the studio's own workflow (users, tokens, webhooks, budgets, activity, alerts, failure acks),
-- what it derives (rollups, watchdog findings) and the commands queue (a later step routes commands to a
-- gateway).
alter table cron_jobs add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table cron_runs add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table agent_sessions add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table agent_logs add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table gtm_outputs add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table approvals add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table openclaw_channels add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);

-- OpenClaw's keys, unique per gateway. Runs (job_id, external_id) and log lines (session_id / run_id,
-- external_id) are keyed under a row that already belongs to one gateway, so their keys stay as they are.
drop index cron_jobs_source_external;
create unique index cron_jobs_gateway_external on cron_jobs(gateway_id, source, external_id);

alter table agent_sessions drop constraint agent_sessions_session_key_key;
alter table agent_sessions add constraint agent_sessions_gateway_session_key unique (gateway_id, session_key);

drop index gtm_outputs_source_file;
create unique index gtm_outputs_gateway_file on gtm_outputs(gateway_id, source_file_path);

alter table approvals drop constraint approvals_source_external_id_key;
alter table approvals add constraint approvals_gateway_external unique (gateway_id, source, external_id);

alter table openclaw_channels drop constraint openclaw_channels_pkey;
alter table openclaw_channels add primary key (gateway_id, source, channel, account_id);

-- a run found by its session key, within its gateway
drop index cron_runs_session_key;
create index cron_runs_session_key on cron_runs(gateway_id, session_key) where session_key is not null;
