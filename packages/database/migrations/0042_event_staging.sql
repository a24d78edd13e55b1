-- Writers stage their events; readers publish them into `events` (queries/events.ts). Before, every transaction
-- that wrote an event held one lock from its insert until its commit (disk flush included), so that ids commit in
-- the order they are drawn: the bridges of a fleet queued behind each other, one gateway's activity delaying the
-- others'. A change's events are staged in its own transaction without a lock (concurrent commits share their
-- flushes); whoever reads the outbox first moves what committed into `events` under that lock, so ids still appear
-- in order and Last-Event-ID replay stays gap-free.
create table event_staging (
  seq bigint generated always as identity primary key,
  channel text not null,
  type text not null,
  payload jsonb not null,
  created_at timestamptz not null default now()
);

-- the NOTIFY that wakes readers comes from a staging now, one per statement as before (0019), carrying how many
-- events it staged (their ids are not drawn yet); readers treat it as "something new", publish, then read by id
create or replace function notify_staged_events()
returns trigger as $$
begin
  perform pg_notify('studio_events', n::text) from (select count(*) as n from staged) c where c.n > 0;
  return null;
end;
$$ language plpgsql;

create trigger event_staging_notify
  after insert on event_staging
  referencing new table as staged
  for each statement execute function notify_staged_events();

drop trigger events_notify on events;
drop function notify_studio_events();

-- a bridge role stages events instead of inserting them (bridge-role.ts): the roles made before get that right and
-- their policy here, as `agent-studio bridge-role` would give them
alter table event_staging enable row level security;
do $$
declare p record;
begin
  for p in select policyname, roles[1] as role from pg_policies
            where schemaname = current_schema() and tablename = 'events' and policyname like 'studio\_bridge\_%' loop
    execute format('grant insert on event_staging to %I', p.role);
    execute format('create policy %I on event_staging to %I using (true) with check (true)', p.policyname, p.role);
  end loop;
end $$;
