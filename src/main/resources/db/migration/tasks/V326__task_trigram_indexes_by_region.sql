-- The task text search (q) of a lead reads her regions' matches only (issue 13, stop 32). The trigram indexes held every
-- region's tasks, so a text that many tasks share (the bench's `creator4`: 11,111 tasks at 100,000 creators, 2,779 of
-- them LATAM's) had the statement read every matching row of every region and throw three in four away: ~10 ms of a
-- 12 ms request. The indexes now lead with the region (btree_gin gives GIN the btree operators of text; a trusted
-- extension that ships with PostgreSQL and the embedded binaries, as pg_trgm does), and TaskQueries names the viewer's
-- regions in each text arm, so the index scans return the region's rows only. An admin's search asks the trigram column
-- alone, which a multicolumn GIN index serves as well. Same pending-list setting as before (V301, V323).
create extension if not exists btree_gin;
drop index task_title_lower_trgm;
drop index task_creator_handle_lower_trgm;
create index task_title_lower_trgm on task using gin (region_code, title_lower gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 64);
create index task_creator_handle_lower_trgm on task using gin (region_code, creator_handle_lower gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 64);
