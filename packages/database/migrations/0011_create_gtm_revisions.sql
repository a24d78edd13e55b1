-- Every saved text of a content item: who wrote it (the owner, an API token, the file on disk, or the agent
-- session that wrote the file), when, and the text. A restore is a new revision naming the one it restored.
create table gtm_revisions (
  id bigint generated always as identity primary key,
  output_id uuid not null references gtm_outputs(id) on delete cascade,
  revision integer not null,
  content_md text not null,
  author_kind text not null check (author_kind in ('owner', 'token', 'disk', 'agent', 'scheduler')),
  author_id text,                         -- users.id, api_tokens.id or agent_sessions.id
  author_name text not null,              -- readable: the owner's name, the token's name, the file's path
  restored_from integer,                  -- the revision this one brought back
  created_at timestamptz not null default now(),
  unique (output_id, revision)
);

-- what exists before this migration becomes each item's first kept revision
insert into gtm_revisions (output_id, revision, content_md, author_kind, author_id, author_name, created_at)
select id, revision, content_md,
       case when edited_at is not null then 'owner' when source_session_id is not null then 'agent' else 'disk' end,
       case when edited_at is null then source_session_id::text end,
       case when edited_at is not null then 'owner' else coalesce(source_file_path, 'file') end,
       coalesce(edited_at, updated_at)
  from gtm_outputs where content_md is not null;
