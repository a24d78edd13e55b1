-- OpenClaw 2026.9.6 archives sessions: by hand (its Control UI, `sessions.patch {archived: true}`), and on its own
-- those idle past its retention (30 days by default) and those past its cap on kept sessions (the 5,000 newest).
-- An archived session is still there (listed with `archived: 'all'`, restorable), not deleted: the studio says so.
alter table agent_sessions add column archived_at timestamptz, add column archive_reason text;
