-- A burst of events (a reconcile page, a batch of chat lines) is inserted by one statement: one NOTIFY per
-- statement, carrying its highest id, instead of one per row (a row trigger's NOTIFYs cost more than the
-- inserts). Listeners treat a NOTIFY as "something new" and read the outbox by id, so nothing is missed.
create or replace function notify_studio_events()
returns trigger as $$
begin
  perform pg_notify('studio_events', id::text) from (select max(id) as id from inserted) m where m.id is not null;
  return null;
end;
$$ language plpgsql;

drop trigger events_notify on events;
drop function notify_studio_event();

create trigger events_notify
  after insert on events
  referencing new table as inserted
  for each statement execute function notify_studio_events();

-- A new session links the children that arrived before it (queries/agent-sessions.ts): look them up by key.
create index agent_sessions_orphans on agent_sessions(parent_session_key) where parent_session_id is null;
