-- activity_creator_viewer takes a row version per viewer's new day with a creator: under a steady 10,000
-- events/s about 0.2 updates per event, a third of them not in place (HOT) because the row's page was full,
-- so each of those also wrote a new entry into the primary key (docs/benchmarks.md, stop 15). Room on every
-- page lets the update stay on it (days is in no index). Applies to pages written from now on.
alter table activity_creator_viewer set (fillfactor = 80);
