-- Live rooms' revenue of the last hour (LiveRooms.top) sums each room's gifts by (stream_id, occurred_at): with usd in
-- the index the sum is an index-only scan (no heap page per gift). It replaces the index of the same key, so a gift
-- costs no more index writes than before.
drop index activity_stream_gift_time;
create index activity_stream_gift_time on activity_stream_gift (stream_id, occurred_at) include (usd);
