-- Alerts (issue 19): rules that watch the studio's own tables, the incidents they open, the channels that
-- carry them to the owner, and a delivery log per channel. The rule kinds themselves are code
-- (packages/database/src/alerts/rules/): a kind without a row here is off.

create table alert_channels (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  kind text not null check (kind in ('telegram', 'slack', 'discord', 'ntfy', 'email', 'openclaw', 'browser')),
  config jsonb not null default '{}',    -- what is not secret: chat id, ntfy server and topic, SMTP host and address
  secret_sealed text,                    -- the secret (bot token, webhook URL, password), sealed to the bridge's key
  secret_hint text,                      -- what the studio shows of it ("…x9Yz")
  enabled boolean not null default true,
  allow_private_network boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table alert_rules (
  kind text primary key,
  enabled boolean not null default false,
  channel_ids uuid[] not null default '{}',
  params jsonb not null default '{}',    -- the kind's own settings (e.g. minutes the gateway may be away)
  quiet_hours jsonb,                      -- {start: 'HH:MM', end: 'HH:MM', timeZone} or null
  updated_at timestamptz not null default now()
);

-- One open incident per rule at a time: everything the rule finds open is grouped in it (no storm when 50
-- runs fail), each message carries the incident's revision.
create table alert_incidents (
  id uuid primary key default gen_random_uuid(),
  rule_kind text not null,
  title text not null,
  items jsonb not null default '[]',      -- [{key, title, detail}] the rule reported last
  revision integer not null default 1,    -- grows when items are added
  notified_revision integer not null default 0,
  last_notified_at timestamptz,
  opened_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_notified boolean not null default false
);
create unique index alert_incidents_one_open on alert_incidents(rule_kind) where resolved_at is null;
create index alert_incidents_recent on alert_incidents(opened_at desc);

create table alert_deliveries (
  id uuid primary key default gen_random_uuid(),
  channel_id uuid not null references alert_channels(id) on delete cascade,
  incident_id uuid references alert_incidents(id) on delete cascade,
  message_kind text not null check (message_kind in ('opened', 'updated', 'resolved', 'test')),
  revision integer not null default 0,
  title text not null,
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_attempt_at timestamptz,
  response_status integer,
  answer text,                            -- what the receiver said (shortened)
  error text,                             -- why it failed, in words
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create unique index alert_deliveries_once on alert_deliveries(incident_id, channel_id, message_kind, revision)
  where incident_id is not null;
create index alert_deliveries_due on alert_deliveries(next_attempt_at) where status = 'pending';
create index alert_deliveries_channel on alert_deliveries(channel_id, created_at desc);

create trigger alert_deliveries_notify
  after insert on alert_deliveries
  for each row execute function notify_new_row('studio_alerts');
