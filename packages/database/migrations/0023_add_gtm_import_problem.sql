-- Why a file's front matter was not read (not YAML, malformed, too large): the file is imported as plain text
-- and the owner sees the reason on the item, instead of only in the bridge's log.
alter table gtm_outputs add column import_problem text;
