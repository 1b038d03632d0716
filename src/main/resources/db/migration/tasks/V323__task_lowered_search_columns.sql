-- The task text search (q) without lower() on every row the trigram indexes find (issue 13, lists13). A trigram index
-- scan for `like` is lossy: PostgreSQL rechecks the condition on each row it finds, and the statement tests the whole text
-- on the viewer's rows (SubstringSearch). With the indexes on lower(title) and lower(creator_handle) every recheck called
-- lower() (libc, C.UTF-8: through wide characters), ~0.5-1 us a row, 1,389 calls for the lead's `creator42` at 100,000
-- creators: about half of the statement's execution. The lowered texts are now stored on the row (computed once, when
-- the row is written) and indexed as they are; the search reads them. Same values as lower() at query time, so the same
-- matches. Same pending-list setting as before (V301, V304): tasks are written often.
alter table task add column title_lower text generated always as (lower(title)) stored,
                 add column creator_handle_lower text generated always as (lower(creator_handle)) stored;
drop index task_title_trgm;
drop index task_creator_handle_trgm;
create index task_title_lower_trgm on task using gin (title_lower gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 64);
create index task_creator_handle_lower_trgm on task using gin (creator_handle_lower gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 64);
-- SubstringSearch reads the common trigrams by these names (V307): the same statistics over the stored columns
drop statistics task_title_trigrams;
drop statistics task_creator_handle_trigrams;
create statistics task_title_trigrams on (show_trgm(title_lower)) from task;
create statistics task_creator_handle_trigrams on (show_trgm(creator_handle_lower)) from task;
analyze task;
