-- The days each append wrote to (issue 13). The log is partitioned by day of event time, but the projection
-- runner reads it by arrival (seq): without a bound on occurred_at every read planned and scanned every day
-- partition, which a retention of 400 days makes hundreds (measured with 365 partitions: 570 ms of planning and
-- 275 ms of execution per 8-slot batch, 0.5 ms and 3 ms when pruned to the days appended to).
--
-- Every append adds one row per day it wrote to, with seq = the largest seq the append drew (its session's
-- currval), in its own transaction: so a day holds an event with seq > P only if it has a row with seq > P, and a
-- reader after P reads only the partitions of those days. Rows are merged to one per day now and then
-- (EventPartitions.maintain) and deleted with their day's partition; neither changes which days have a row
-- above any P.
create table platform_event_append_day (
    day date not null,
    seq bigint not null
);
create index platform_event_append_day_seq on platform_event_append_day (seq, day);

-- The existing partitions, each as if appended to at the sequence's current value: readers behind it read every
-- existing day (as before), readers past it only the days appended to since.
insert into platform_event_append_day (day, seq)
select to_date(substr(c.relname, length('platform_event_p') + 1), 'YYYYMMDD'),
       (select case when is_called then last_value else 0 end from platform_event_seq)
from pg_inherits i join pg_class c on c.oid = i.inhrelid
where i.inhparent = 'platform_event'::regclass and c.relname ~ '^platform_event_p[0-9]{8}$';

-- Expand-only? Not for projections: nodes of the previous release append without adding rows here (see
-- docs/deployment.md, "Rolling upgrade", rule 9).
