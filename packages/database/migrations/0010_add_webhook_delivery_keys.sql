-- Webhook delivery (issue 7): each event reaches each webhook at most once, even when two bridges follow the
-- outbox or one restarts between enqueueing and saving its checkpoint; the time of the latest attempt for the
-- delivery log; and a NOTIFY so the bridge sends a new delivery (e.g. "Send test") without waiting for a poll.
create unique index webhook_deliveries_once on webhook_deliveries(webhook_id, event_id);
alter table webhook_deliveries add column last_attempt_at timestamptz;

-- NOTIFY the channel named by the trigger's argument with the new row's id.
create or replace function notify_new_row()
returns trigger as $$
begin
  perform pg_notify(tg_argv[0], new.id::text);
  return null;
end;
$$ language plpgsql;

create trigger webhook_deliveries_notify
  after insert on webhook_deliveries
  for each row execute function notify_new_row('studio_webhooks');
