-- Huge logs (issue 21 item 2): a log of 300,000 lines opens at its end and is read in pages along
-- (session_id, seq); these serve what else the log view asks of one session's lines.
-- Search on the server: the words of each line (the first 20,000 characters; a tsvector holds at most 1 MB).
create index agent_logs_message_search on agent_logs using gin (to_tsvector('simple', left(message, 20000)));
-- One level's lines newest first (only the errors of a long log), and one tool's.
create index agent_logs_session_level on agent_logs(session_id, level, seq);
create index agent_logs_session_tool on agent_logs(session_id, tool_name, seq) where tool_name is not null;
