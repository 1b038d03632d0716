-- Incremental activity projection: the state that lets a batch be applied as deltas instead of
-- recomputing every touched creator day and stream from the log. All of it is derived (a rebuild drops it).

-- The highest seq of the creator's (stream's) events already applied: an event at or below it is a
-- replay (or a quarantined event retried), and its days are recomputed from the log instead.
alter table activity_creator add column applied_seq bigint not null default 0;
alter table activity_stream add column applied_seq bigint not null default 0;
-- A stream's viewer level as of its last change: current_viewers since level_at, and the peak of the
-- levels before level_at (several changes at one instant count once, after all of them).
alter table activity_stream add column level_at timestamptz;
alter table activity_stream add column peak_before int not null default 0;

-- Viewers in a room now (a room's current_viewers is the count), for joins and leaves applied in order.
create table activity_stream_viewer (
    stream_id text not null,
    viewer_id text not null,
    primary key (stream_id, viewer_id)
);

-- The streams started on each creator day (a creator day's streams count), so a start applied twice counts once.
create table activity_day_stream (
    creator_id text not null,
    day        date not null,
    stream_key text not null,
    primary key (creator_id, day, stream_key)
);

-- On how many creator days each viewer joined each creator: unique and retained viewers as deltas.
create table activity_creator_viewer (
    creator_id text not null,
    viewer_id  text not null,
    days       int not null,
    primary key (creator_id, viewer_id)
);

-- Rows derived before this version lack the state above: drop them and let the projection replay the
-- log from the start (milestones are re-derived on the way; milestone_announcement keeps them from
-- being announced twice).
truncate activity_creator, activity_creator_day, activity_viewer_day, activity_stream, activity_stream_gift;
delete from creator_milestone;
update projection_position set position = 0 where name = 'activity';
