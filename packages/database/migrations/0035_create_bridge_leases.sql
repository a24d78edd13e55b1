-- Standby bridges (issue 18, step 3): two bridges may serve one gateway, and exactly one of them works. It holds
-- the gateway's lease here and renews it well within its term; the other waits and takes the lease once it has
-- expired. Times are the database's own (now()), never a bridge's clock, so no two machines' clocks are compared.
-- The studio-wide workers (webhooks, alerts, watchdog, budgets, housekeeping, scheduled publishing, metrics) run
-- in one bridge only, chosen the same way by the lease 'studio'.
create table bridge_leases (
  -- 'gateway:<gateway id>' or 'studio'
  key text primary key,
  -- the bridge process holding it (unique per process: worker name, pid and a random part)
  holder text not null,
  expires_at timestamptz not null,
  acquired_at timestamptz not null default now()
);
