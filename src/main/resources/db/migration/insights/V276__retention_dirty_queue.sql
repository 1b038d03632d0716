-- Dirty cohort days as an append-only queue: with cohort_day as the key, marking a day dirty
-- (insert … on conflict do nothing) waited for every open transaction that had marked the same day: the
-- registration listeners waited for the activity projection's batch (44 s of waits in a 1,000,000-event
-- catch-up). Rows now never conflict; the refresher takes a day and deletes all of its rows (rows added by
-- transactions still open stay for the next round).
alter table retention_dirty drop constraint retention_dirty_pkey;
alter table retention_dirty add column id bigint generated always as identity primary key;
create index retention_dirty_day on retention_dirty (cohort_day);
