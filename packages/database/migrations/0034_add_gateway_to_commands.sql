-- Fleet (issue 18, step 2): a bridge per gateway. Each command is for one gateway and only that gateway's
-- bridge claims it; each bridge keeps its own checkpoints (where it got to in its gateway's runs, sessions,
-- files), so two bridges on one database never read or move each other's.
--
-- Commands queued before there were several gateways were for the one there was: the default gateway.
alter table commands add column gateway_id uuid references gateways(id);
update commands set gateway_id = '00000000-0000-0000-0000-000000000001';
alter table commands alter column gateway_id set not null;

-- a bridge looks only at its own gateway's open commands
drop index commands_open;
create index commands_open on commands(gateway_id, created_at) where status in ('queued', 'running');

-- Checkpoints are per gateway. The studio-wide ones (alert keys, the webhook cursor, the watchdog's per-job
-- marks) stay on the default gateway, as every existing one does.
alter table bridge_checkpoints
  add column gateway_id uuid not null default '00000000-0000-0000-0000-000000000001' references gateways(id);
alter table bridge_checkpoints drop constraint bridge_checkpoints_pkey;
alter table bridge_checkpoints add primary key (gateway_id, source, key);
