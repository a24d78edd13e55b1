-- The watchdog judges a gateway's jobs only up to when their runs are all known: when the bridge's last reconcile
-- began, once it has written the gateway's run list. With several gateways, whose bridges may run on other hosts
-- than the watchdog, that time is kept per gateway here, not in the memory of the bridge of the default gateway.
alter table gateways add column runs_known_at timestamptz;
