-- An owner's open work in due order with the viewer's region on the index (issue 13, tasks10). Every list and count of
-- Today and the API is scoped to the viewer's regions (`t.region_code = ...`), which V61's index did not hold: mia's
-- `owner=me&due=week` count fetched each of her ~150 open tasks of the week from the heap to test the region (156 buffers
-- at 100,000 creators) where the same index with the region included counts them from the index alone (8 buffers). Same
-- key, so every plan that used the index still can; one index replaced by one index, so the insert writes no more.
create index task_open_owner_due_region on task (owner_user_id, due_at, id) include (region_code) where status = 'OPEN';
drop index task_open_owner_due;
alter index task_open_owner_due_region rename to task_open_owner_due;
