-- One btree insert less per appended event (issue 13): the arrival index (seq) had three readers, all moved.
-- The runner's upper bound (JdbcPlatformEventLog.lastSeq) is now the append horizon's safe seq itself, with
-- no query of the log; the all-slots read of a rebuild or first catch-up and the quarantine's event by seq
-- read one range per creator slot of platform_event_shard (shard, seq), merged by seq.
-- Expand-only? No: it drops an index older nodes read (docs/deployment.md, "Rolling upgrade").
drop index platform_event_arrival;
