-- Scheduled publishing: the URL the item goes out at, and the publish command the scheduler queued for it.
-- The scheduler claims a due item by setting publish_command_id where it is still null (one statement), so
-- an item is queued for publishing once, however many bridges run or restart around its time.
alter table gtm_outputs
  add column scheduled_url text,
  add column publish_command_id uuid references commands(id) on delete set null;

create index gtm_outputs_due on gtm_outputs(scheduled_for)
  where status = 'approved' and scheduled_for is not null and publish_command_id is null;
