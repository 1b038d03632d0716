-- The event time of a stream's first event (a join may come before the start): with last_event_at it bounds
-- the stream's events, so a recomputation reads them by creator and event time (V287 drops the log's stream
-- index). Existing rows take it from the log while that index is still there.
alter table activity_stream add column first_event_at timestamptz;

update activity_stream s
set first_event_at = (select min(p.occurred_at) from platform_event p where p.stream_id = s.stream_id);
