-- An action asked for in the web app fails when no bridge claims it in time (STUDIO_COMMAND_CLAIM_MS: its
-- bridge is not running). The web process that queued it said so, but only while it ran: restarted meanwhile,
-- the command stayed queued and ran whenever a bridge came back, hours later and unasked. The deadline is kept
-- here; a bridge fails a command past it instead of running it. Null: no deadline (the bridge's own commands).
alter table commands add column claim_by timestamptz;
