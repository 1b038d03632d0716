-- The roster sorted by an activity figure, for a viewer of some regions: each region's page is one range of one index
-- instead of a range of every region's rows with a probe of the creator row for each (a lead of one of four equal regions
-- read ~4 summary entries and creator rows per row shown: ~204 for a page of 51 at 100,000 creators, docs/benchmarks.md,
-- "A lead's sort by an activity figure reads her region's range"). So the summary carries each creator's region, and its
-- sort indexes lead with it: (region_code, figure, creator_id). A viewer of several regions (an admin: all) reads one range
-- per region and PostgreSQL merges them (Merge Append: about one page of entries in all).
--
-- region_code is the creator row's region_code, '' for none (no region yet, or no creator row): an equality an index range
-- serves, where "is null" made PostgreSQL sort that region's rows. Every creator has a summary row (a creator with no
-- activity: the function's values for nothing, valid until 'infinity'), written with the creator in the same transaction
-- by the triggers below, so the region is exact in every committed state:
--   - a creator added: its row inserted, or its region set if the activity projection wrote it first;
--   - a creator's region or platform id changed: its row's region set;
--   - the activity projection inserts a row with '' only for a creator without a creator row, and leaves region_code alone
--     on conflict. A creator inserted meanwhile waits for that row (the trigger's insert conflicts with it) and then sets
--     its region; a row the trigger wrote first is one the projection's insert conflicts with.
--   - activity's reset (a rebuild) deletes the rows and inserts every creator's again, in the same transaction.
alter table activity_roster_summary add column region_code text not null default '';

-- The rows of these creators with these regions ('' for none), in creator order (as the projection locks them, so the two
-- never wait in opposite orders): inserted with the figures of nothing, or their region set on the row already there.
create function activity_roster_summary_set_regions(ids text[], regions text[]) returns void language sql as $$
    insert into activity_roster_summary (creator_id, region_code, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd,
                                         followers_28d, valid_until)
    select x.creator_id, x.region_code, null, 0, 0, 0, 0, 'infinity'
    from unnest(ids, regions) as x(creator_id, region_code)
    order by x.creator_id
    on conflict (creator_id) do update set region_code = excluded.region_code
        where activity_roster_summary.region_code <> excluded.region_code
$$;

-- Every creator's row, with its region, before the indexes that lead with it are built.
select activity_roster_summary_set_regions(array(select c.creator_id from creator c order by c.creator_id),
                                           array(select coalesce(c.region_code, '') from creator c order by c.creator_id));

drop index activity_roster_summary_last_live;
drop index activity_roster_summary_active_days;
drop index activity_roster_summary_live_minutes;
drop index activity_roster_summary_revenue;
drop index activity_roster_summary_followers;
create index activity_roster_summary_last_live on activity_roster_summary (region_code, last_live_at, creator_id);
create index activity_roster_summary_active_days on activity_roster_summary (region_code, active_days_28d, creator_id);
create index activity_roster_summary_live_minutes on activity_roster_summary (region_code, live_minutes_28d, creator_id);
create index activity_roster_summary_revenue on activity_roster_summary (region_code, revenue_28d_usd, creator_id);
create index activity_roster_summary_followers on activity_roster_summary (region_code, followers_28d, creator_id);

-- Creators added: their rows.
create function activity_roster_summary_creators_added() returns trigger language plpgsql as $$
begin
    perform activity_roster_summary_set_regions(array(select a.creator_id from added a order by a.creator_id),
                                                array(select coalesce(a.region_code, '') from added a order by a.creator_id));
    return null;
end
$$;

create trigger activity_roster_summary_creators_added
    after insert on creator referencing new table as added
    for each statement execute function activity_roster_summary_creators_added();

-- Creators changed: the rows of those whose region (or platform id) changed. A statement trigger with both row sets
-- (PostgreSQL allows no column list with transition tables); an update that changes neither writes nothing here.
create function activity_roster_summary_creators_changed() returns trigger language plpgsql as $$
declare
    ids     text[];
    regions text[];
begin
    select array_agg(n.creator_id order by n.creator_id), array_agg(coalesce(n.region_code, '') order by n.creator_id)
    into ids, regions
    from changed_after n
    join changed_before o on o.id = n.id
    where o.region_code is distinct from n.region_code or o.creator_id <> n.creator_id;
    if ids is not null then
        perform activity_roster_summary_set_regions(ids, regions);
    end if;
    return null;
end
$$;

create trigger activity_roster_summary_creators_changed
    after update on creator referencing old table as changed_before new table as changed_after
    for each statement execute function activity_roster_summary_creators_changed();
