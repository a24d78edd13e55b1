-- Issue 13: an API token may expire (chosen at creation; null is never), and a webhook sends to loopback,
-- private-network and link-local addresses only when the owner allowed it on that webhook (the bridge checks
-- every address a URL resolves to, at each delivery). Existing webhooks start without that leave.
alter table api_tokens add column expires_at timestamptz;
alter table webhooks add column allow_private_network boolean not null default false;
