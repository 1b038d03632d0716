-- The log's creator index keyed by the creator alone (issue 13, half the COPY ceiling). Every appended row paid for
-- (creator_id, occurred_at, seq): a 3-column key without duplicates (an entry of about 40 bytes, a leaf page split every
-- hundred or so inserts). Keyed by creator_id alone, a creator's entries of a day partition share one key: when a leaf
-- page fills, btree deduplication merges them into a posting list of row ids (6 bytes each) instead of splitting it.
-- Measured by inserting 150,000 log rows after 500,000 (docs/benchmarks.md, stop 44): 1.37-2.29 s with the old index,
-- 0.96-1.04 s without any, 1.13-1.38 s with this one.
-- Its readers (a creator's events in a window: a late event's day or stream recomputed, a milestone's qualifying
-- event) keep their statements: the window's bounds prune the partitions, so a read fetches the creator's rows of the
-- one or two UTC days its window spans and sorts them, instead of reading the window's range of the index.
-- Expand-only in effect: the previous release's reads are the same statements and use this index. Both indexes
-- are built and dropped in one transaction; appends wait while it builds (built by hand beforehand, `if not exists` finds
-- it: docs/deployment.md, "Rolling upgrade").
create index if not exists platform_event_creator_id on platform_event (creator_id);
drop index if exists platform_event_creator;
