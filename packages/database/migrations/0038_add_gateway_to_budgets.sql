-- Budgets in a fleet (issue 18 item 5): a daily or agent budget is for one gateway (its spending only), or for the
-- whole fleet (gateway_id null, what every budget was until now). A job budget names no gateway: its job is on one.
-- One budget per scope, target and gateway: the fleet's daily budget and each gateway's live side by side.
alter table budgets add column gateway_id uuid references gateways(id) on delete cascade;
alter table budgets add constraint budgets_job_has_no_gateway check (scope <> 'job' or gateway_id is null);
alter table budgets drop constraint budgets_scope_target_key;
alter table budgets add constraint budgets_scope_target_gateway_key unique nulls not distinct (scope, target, gateway_id);
