-- Row-level security on every table a bridge role may touch (bridge-role.ts, BRIDGE_GRANTS), so that a bridge role
-- limited to one gateway (`agent-studio bridge-role <name> --gateway <gateway>`) reads and writes that gateway's
-- rows only: each bridge role gets one policy per table (all rows for a role without a gateway). The studio's own
-- connection owns the tables, and row-level security does not apply to a table's owner. A bridge role made before
-- this has no policies yet: it sees nothing until `agent-studio bridge-role` is run again, which its bridge says.
alter table schema_migrations enable row level security;
alter table gateways enable row level security;
alter table bridge_leases enable row level security;
alter table bridge_checkpoints enable row level security;
alter table commands enable row level security;
alter table activity enable row level security;
alter table events enable row level security;
alter table cron_jobs enable row level security;
alter table cron_runs enable row level security;
alter table agent_sessions enable row level security;
alter table agent_logs enable row level security;
alter table cron_run_totals enable row level security;
alter table cron_run_rollups enable row level security;
alter table agent_session_totals enable row level security;
alter table agent_session_rollups enable row level security;
alter table gtm_outputs enable row level security;
alter table gtm_revisions enable row level security;
alter table approvals enable row level security;
alter table openclaw_channels enable row level security;
