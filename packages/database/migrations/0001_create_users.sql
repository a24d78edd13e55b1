-- The studio's own users (one owner). The seed's `auth.users` references point here instead, so the schema
-- runs on any Postgres; on Supabase, `supabase/` maps this table to auth.users (see README).
create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  password_hash text,                     -- scrypt, never the plain text; null until the owner sets it up
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
