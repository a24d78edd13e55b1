-- The event outbox: every change the studio sees or makes is one row here, written in the same transaction
-- as the change. `id` is monotonic and is the SSE `id:`; clients resume with Last-Event-ID by reading `id > n`.
-- Writers take an advisory lock before inserting (queries/events.ts) so ids commit in order.
create table events (
  id bigint generated always as identity primary key,
  channel text not null,
  type text not null,
  payload jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index events_channel_id on events(channel, id);
create index events_created on events(created_at);

create or replace function notify_studio_event()
returns trigger as $$
begin
  perform pg_notify('studio_events', new.id::text);
  return null;
end;
$$ language plpgsql;

create trigger events_notify
  after insert on events
  for each row execute function notify_studio_event();
