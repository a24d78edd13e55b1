-- Owner sign-in: browser sessions (the cookie holds a random token; only its sha256 is stored), the one-time
-- setup link printed at first start, and failed sign-ins per address (rate limit across processes).
create table auth_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  token_hash text not null unique,
  user_agent text,
  address text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index auth_sessions_user on auth_sessions(user_id) where revoked_at is null;

create table setup_tokens (
  token_hash text primary key,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table login_failures (
  address text not null,
  at timestamptz not null default now()
);
create index login_failures_address on login_failures(address, at desc);
