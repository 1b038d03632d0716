-- A creator's streams that end on or after an instant (ended_at, else last_event_at) without reading every stream the
-- creator ever had: the projection's check for other streams on a batch's days (checkOtherStreams) and a recomputed
-- day's streams (recomputeDay) filter on coalesce(ended_at, last_event_at) >= the day's start, which the index
-- (creator_id, started_at) served by reading all of a creator's streams (one a day for a year: 364 rows and 368 buffers
-- per creator; 200 creators 129 -> 2.5 ms, docs/benchmarks.md, "Queries against a year of partitions").
-- Cost: one more index entry per stream row written (its updates already change the indexed last_event_at).
-- Expand-only: older nodes ignore it.
create index activity_stream_creator_end on activity_stream (creator_id, (coalesce(ended_at, last_event_at))) where started_at is not null;
