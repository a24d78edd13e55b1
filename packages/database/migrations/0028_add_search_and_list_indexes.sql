-- Lists that stay fast at a year of a busy install (issue 21).
-- A content search lists title matches first: the titles' words are kept apart with their own index, so that
-- part is found (or checked, row by row along the sort's index) without reading or parsing any item's text.
alter table gtm_outputs add column title_vector tsvector generated always as (to_tsvector('english', title)) stored;
create index gtm_outputs_title_search on gtm_outputs using gin (title_vector);
-- The content types the filter offers (found by skipping through this index, not by reading every item), and a
-- type's items newest first.
create index gtm_outputs_type on gtm_outputs(content_type, created_at desc, id desc);
