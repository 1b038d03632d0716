-- Live rooms by revenue of the last hour (LiveRooms.top, sort=revenue) summed every live room's gifts per request: one
-- index descent per live room (2,000 rooms at 100,000 creators: ~4,000 buffers), however few of them earned anything.
-- The gifts per stream and UTC minute are kept here, so the page reads the last hour's minutes as one range of this
-- table's key (minute first) and only the two edge minutes from the gifts themselves (the window (now - 1 h, now] does
-- not fall on minute boundaries).
--
-- A row is exactly (stream_id, minute) -> (sum of usd, count) over activity_stream_gift, whatever the order, lateness
-- or repetition of the gifts: the triggers below add every inserted gift (an "on conflict do nothing" duplicate is not
-- inserted, so it is not added), take away every deleted one (a stream recomputed from the log deletes and reinserts
-- its gifts; reset deletes them all) and drop a minute whose last gift went. The table is therefore a function of
-- activity_stream_gift's rows, and a rebuild, which rewrites those rows, writes it identically. Numeric sums are exact.
-- The triggers are statement-level with transition tables: one aggregated statement per statement on the gifts (the
-- projection writes a batch's gifts in one insert), not one per gift.
create table activity_stream_gift_minute (
    minute    timestamptz not null,
    stream_id text not null,
    usd       numeric not null,
    gifts     int not null,
    primary key (minute, stream_id)
);

-- date_bin from a UTC origin on a whole minute: the same minute whatever the session's time zone
create function activity_stream_gift_minute_of(at timestamptz) returns timestamptz
    language sql immutable parallel safe
    return date_bin(interval '1 minute', at, timestamptz '2000-01-01 00:00:00+00');

create function activity_stream_gift_minute_add() returns trigger language plpgsql as $$
begin
    -- rows in key order, so two batches adding to the same minutes lock them in the same order
    insert into activity_stream_gift_minute (minute, stream_id, usd, gifts)
    select activity_stream_gift_minute_of(g.occurred_at), g.stream_id, sum(g.usd), count(*)
    from added_gifts g
    group by 1, 2
    order by 1, 2
    on conflict (minute, stream_id) do update
        set usd = activity_stream_gift_minute.usd + excluded.usd, gifts = activity_stream_gift_minute.gifts + excluded.gifts;
    return null;
end
$$;

create function activity_stream_gift_minute_remove() returns trigger language plpgsql as $$
begin
    with gone as (
        select activity_stream_gift_minute_of(g.occurred_at) as minute, g.stream_id, sum(g.usd) as usd, count(*) as gifts
        from removed_gifts g
        group by 1, 2
    ), emptied as (
        delete from activity_stream_gift_minute m using gone
        where m.minute = gone.minute and m.stream_id = gone.stream_id and m.gifts = gone.gifts
    )
    update activity_stream_gift_minute m set usd = m.usd - gone.usd, gifts = m.gifts - gone.gifts
    from gone
    where m.minute = gone.minute and m.stream_id = gone.stream_id and m.gifts <> gone.gifts;
    return null;
end
$$;

create trigger activity_stream_gift_minute_insert after insert on activity_stream_gift
    referencing new table as added_gifts for each statement execute function activity_stream_gift_minute_add();
create trigger activity_stream_gift_minute_delete after delete on activity_stream_gift
    referencing old table as removed_gifts for each statement execute function activity_stream_gift_minute_remove();
-- nothing updates a gift today; if something does, the minutes follow: the old rows out, the new rows in
create trigger activity_stream_gift_minute_update_old after update on activity_stream_gift
    referencing old table as removed_gifts for each statement execute function activity_stream_gift_minute_remove();
create trigger activity_stream_gift_minute_update_new after update on activity_stream_gift
    referencing new table as added_gifts for each statement execute function activity_stream_gift_minute_add();

insert into activity_stream_gift_minute (minute, stream_id, usd, gifts)
select activity_stream_gift_minute_of(occurred_at), stream_id, sum(usd), count(*)
from activity_stream_gift
group by 1, 2;
