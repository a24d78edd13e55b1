-- The command queue: the web app asks, the bridge does. A row is claimed with `for update skip locked`;
-- its id is the idempotency key sent to the gateway, so a command retried after a crash never runs twice.
create table commands (
  id uuid primary key default gen_random_uuid(),
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  result jsonb,
  error text,
  attempts integer not null default 0,
  requested_by uuid references users(id),
  claimed_by text,
  claimed_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index commands_open on commands(created_at) where status in ('queued', 'running');
create index commands_created on commands(created_at desc);

create or replace function notify_studio_command()
returns trigger as $$
begin
  perform pg_notify('studio_commands', new.id::text);
  return null;
end;
$$ language plpgsql;

create trigger commands_notify
  after insert on commands
  for each row execute function notify_studio_command();
