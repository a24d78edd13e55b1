-- OpenClaw resets a chat's session (`/new`, `/reset`, `sessions.reset`, a daily or idle reset when configured): the
-- key stays, even its sessionId (2026.9.6), and the transcript starts anew after a reset marker; `chat.history`
-- answers the new conversation only. The studio keeps the conversation before the reset as a session of its own,
-- ended at the reset, which points at the session that carries the key on.
alter table agent_sessions add column continued_by uuid references agent_sessions(id) on delete set null;
create index agent_sessions_continued_by on agent_sessions(continued_by) where continued_by is not null;
