-- The lead's task search at any roster size (issue 13, tasks10). `q` matches a task whose creator's handle contains the
-- text; until now that went through the roster (the creators whose handle matches, then their tasks by creator id: ~4 us
-- per matching creator, 1,111 of them for `creator42` at 100,000 creators). The handle is now kept on the task row, so
-- the match is one bitmap scan of task (title trigrams OR handle trigrams OR creator id) with nothing per creator.
-- Kept exact by the application: set at insert from the creator's row (read `for share`, so an insert waits for a handle
-- change in flight), and rewritten for the creator's tasks by the tasks module's listener of the creators module's
-- CreatorHandleChanged, in the transaction that changes the handle. Null when the creator id is not on the roster.
alter table task add column creator_handle text;
update task t set creator_handle = c.handle from creator c where c.creator_id = t.creator_id;
-- The same pending-list setting as the title's index (V301): tasks are written often.
create index task_creator_handle_trgm on task using gin (lower(creator_handle) gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 64);
