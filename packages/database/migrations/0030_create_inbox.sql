-- The inbox (issue 19): what waits on the owner.
-- OpenClaw's exec and plugin approvals, mirrored by the bridge from the gateway's `*.approval.requested` /
-- `*.approval.resolved` events and its `exec.approval.list` / `plugin.approval.list` after every (re)connect.
-- A row stays once answered or gone (the inbox shows the pending ones; the rest is history for the alerts).
create table approvals (
  id uuid primary key default gen_random_uuid(),
  source text not null default 'openclaw',
  external_id text not null,                  -- OpenClaw's approval id
  kind text not null check (kind in ('exec', 'plugin')),
  -- pending: waiting; allowed/denied: answered (here or elsewhere); expired: its time ran out, or the gateway
  -- no longer has it (restarted, resolved while the bridge was away without saying how)
  status text not null default 'pending' check (status in ('pending', 'allowed', 'denied', 'expired')),
  title text not null,                        -- the command (exec) or the plugin's title
  description text,                           -- the plugin's description, or the command's working folder
  agent_id text,
  session_key text,
  allowed_decisions text[] not null default '{}', -- of allow-once, allow-always, deny (OpenClaw's offer)
  request jsonb not null default '{}',        -- the gateway's request, as it sent it
  requested_at timestamptz not null,
  expires_at timestamptz,
  decision text,                              -- allow-once | allow-always | deny
  resolved_by text,                           -- who answered, as the gateway names them
  resolved_at timestamptz,
  updated_at timestamptz not null default now(),
  unique (source, external_id)
);
create index approvals_pending on approvals(requested_at) where status = 'pending';

-- One-time links to an approval (in an alert): only the token's sha256 is kept; opening it spends it.
create table approval_links (
  token_hash text primary key,
  approval_id uuid not null references approvals(id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Failures the owner has seen (the inbox lists failed runs and sessions without one).
create table failure_acks (
  target_kind text not null check (target_kind in ('cron_run', 'agent_session')),
  target_id uuid not null,
  acknowledged_at timestamptz not null default now(),
  actor_name text not null,
  primary key (target_kind, target_id)
);

-- OpenClaw's chat channels and their state (`channels.status`), one row per channel account.
create table openclaw_channels (
  source text not null default 'openclaw',
  channel text not null,                      -- telegram, whatsapp, discord…
  account_id text not null default '',
  label text,
  -- up: running and connected; down: configured and enabled but not running or with an error; off: not
  -- configured or disabled
  state text not null check (state in ('up', 'down', 'off')),
  error text,
  detail jsonb not null default '{}',
  checked_at timestamptz not null default now(),
  state_since timestamptz not null default now(),
  primary key (source, channel, account_id)
);
