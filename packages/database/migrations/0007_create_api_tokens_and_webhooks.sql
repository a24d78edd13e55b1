-- Integrations (seed phase 4): named API tokens with scopes, and outgoing webhooks with a delivery log.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  token_hash text not null unique,        -- sha256 of the token; the token itself is shown once
  scopes text[] not null default '{read}' check (scopes <@ array['read', 'control']::text[]),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table webhooks (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  url text not null,
  secret text not null,                   -- HMAC-SHA256 signing key
  event_types text[] not null,
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table webhook_deliveries (
  id uuid primary key default gen_random_uuid(),
  webhook_id uuid not null references webhooks(id) on delete cascade,
  event_id bigint references events(id) on delete set null,
  event_type text not null,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  response_status integer,
  error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz
);
create index webhook_deliveries_due on webhook_deliveries(next_attempt_at) where status = 'pending';
create index webhook_deliveries_webhook on webhook_deliveries(webhook_id, created_at desc);
