-- A session OpenClaw deleted (`sessions.delete`, its Control UI's delete): the studio keeps the record and says when
-- the gateway deleted it; its key gets a '#deleted-<time>' suffix, so a later session on the key is a row of its own.
alter table agent_sessions add column removed_at timestamptz;
