-- The roster's and Today's substring searches (issue 13, read paths). A GIN index with fast update (the default) puts
-- new entries in a pending list that every search scans in full until a vacuum merges it. After 100,000 creators
-- were added, a search with no match cost as much PostgreSQL CPU as one with matches (~50 ms per request). These
-- tables' rows are written rarely and searched often, so entries go straight into the index, and what is pending now
-- is merged.
alter index creator_handle_trgm set (fastupdate = off);
alter index creator_id_trgm set (fastupdate = off);
alter index task_title_trgm set (fastupdate = off);
select gin_clean_pending_list('creator_handle_trgm'::regclass);
select gin_clean_pending_list('creator_id_trgm'::regclass);
select gin_clean_pending_list('task_title_trgm'::regclass);
