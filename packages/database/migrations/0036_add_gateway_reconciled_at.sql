-- The watchdog judges a gateway's jobs only up to its last reconcile: the runs before it are all known. With
-- several gateways, whose bridges may run on other hosts than the watchdog, that time is kept per gateway here
-- (when the reconcile began), not in the memory of the one bridge that serves the default gateway.
alter table gateways add column reconciled_at timestamptz;
