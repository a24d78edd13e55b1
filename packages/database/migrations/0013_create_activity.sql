-- The activity log: every action taken through the studio (who, what, on what, when, outcome, why not).
-- An action the bridge executes points at its command and takes the command's outcome when it finishes;
-- an action the web app does itself (content workflow) is recorded finished, in the same transaction.
create table activity (
  id uuid primary key default gen_random_uuid(),
  actor_kind text not null check (actor_kind in ('owner', 'token', 'disk', 'agent', 'scheduler', 'studio')), -- core actorKinds
  actor_name text not null,               -- 'owner', the API token's name, 'scheduled publishing', 'budget watcher'
  action text not null,                   -- a command kind ('cron.run') or a direct action ('gtm.status')
  target_kind text,                       -- 'cron_job', 'agent_session', 'gtm_output', 'swarm'
  target_id text,
  target_label text,                      -- the target's name when the action was taken
  detail jsonb not null default '{}',
  outcome text not null default 'pending' check (outcome in ('pending', 'succeeded', 'failed', 'warned')),
  error text,
  command_id uuid unique references commands(id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index activity_created on activity(created_at desc, id desc);
