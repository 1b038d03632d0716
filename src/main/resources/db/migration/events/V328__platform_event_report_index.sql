-- The safety projection reads only report.filed events (SafetyProjection.types), 0.03% of the simulator's log, but
-- found them through platform_event_shard (shard, seq): every event of the range read and dropped by the type filter,
-- 2.4 µs of PostgreSQL per event in a burst's catch-up (docs/benchmarks.md, stop 40). This partial index holds
-- the reports alone: other rows only test its predicate on append, and the reader's range scan returns reports.
-- Building it reads every retained day partition once (0.75 s for 2,000,000 events here); appends wait meanwhile.
-- Expand-only: older nodes do not read it and write it as any index (docs/deployment.md, "Rolling upgrade").
create index if not exists platform_event_report on platform_event (seq) where type = 'report.filed';
