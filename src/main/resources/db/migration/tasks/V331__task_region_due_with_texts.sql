-- A task text search for a text most tasks share reads the region's tasks in due order and stops at the page (issue 13,
-- stop 51). The bench's `creator4` is held by one task in nine; its matches were read whole from the trigram indexes,
-- materialized, counted and sorted for a page of 50: 2,779 rows for a lead at 100,000 creators against 280 at 10,000.
-- This index gives a region's tasks in due order with every column the API's filters and the text test read, so the walk
-- is an index-only scan of about nine entries per match, whatever the roster's size; the API's total is counted the same
-- way up to its cap (TaskQueries).
create index task_region_due_texts on task (region_code, due_at, id)
    include (owner_user_id, owner_role, status, source_type, creator_id, title_lower, creator_handle_lower);
