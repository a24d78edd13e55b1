-- Where each bridge source got to (last run seen, byte offsets of legacy files, ...), so a restart resumes
-- without dropping or duplicating anything.
create table bridge_checkpoints (
  source text not null,
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (source, key)
);
