-- Today and the board at volume (100,000 open tasks in a region, 2,000 for one manager): open work is
-- what every page reads, so the indexes hold open tasks only and serve both the lists in due order
-- (an ordered index scan stops after one page) and the counts (index-only scans).
create index task_open_owner_due on task (owner_user_id, due_at, id) where status = 'OPEN';
create index task_open_unclaimed_due on task (region_code, owner_role, due_at, id) where status = 'OPEN' and owner_user_id is null;
create index task_open_region_due on task (region_code, due_at, id) include (owner_user_id, owner_role) where status = 'OPEN';
create index task_open_due on task (due_at, id) where status = 'OPEN';
create index task_creator_status on task (creator_id, status, due_at);
drop index task_creator;
