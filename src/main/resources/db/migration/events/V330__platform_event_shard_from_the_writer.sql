-- The log's creator slot filled by the writer (issue 13, half the COPY ceiling). As a stored generated column (V270)
-- PostgreSQL computed hashtextextended(creator_id, 0) & 63 for every appended row and formed the row again with it:
-- 0.7 µs a row, measured by copying 400,000 rows into the partitioned log with its indexes (2.65-2.68 s generated,
-- 2.37-2.41 s with the slot sent as a plain column; docs/benchmarks.md, stop 46). The append now sends the same value,
-- computed in the JVM (CreatorSlots, tested against this server's hashtextextended). Existing rows keep their values.
-- NOT NULL, so a writer that does not send the slot has its rows refused (nothing stored, the sender retries) instead of
-- writing rows that no projection would read. Setting it reads every day partition once; appends wait meanwhile. On a
-- large log add `check (shard is not null) not valid` and validate it beforehand: PostgreSQL then skips that read.
-- Not expand-only: nodes of the previous release append without the slot (docs/deployment.md, "Rolling upgrade").
alter table platform_event alter column shard drop expression;
alter table platform_event alter column shard set not null;
