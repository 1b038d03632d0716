-- The roster sorted by an activity figure, for a viewer of some regions: each region's page is one range of one index
-- instead of a range of every region's rows with a probe of the creator row for each (a lead of one of four equal regions
-- read ~4 summary entries and creator rows per row shown: ~204 for a page of 51 at 100,000 creators, docs/benchmarks.md,
-- stop 31). So the summary carries each creator's region, and its sort indexes lead with it: (region_code, figure,
-- creator_id). A viewer of several regions (an admin: all) reads one range per region and PostgreSQL merges them (Merge
-- Append: about one page of entries in all).
--
-- region_code is the creator row's region_code as the summary row's writer last read it, '' for none (no region yet, or no
-- creator row): an equality an index range serves, where "is null" made PostgreSQL sort that region's rows. Each applied
-- batch writes it for its creators; a job each minute (ActivityRosterSummary.refreshRegions) sets it on the rows whose
-- creator's region has changed since. The roster still filters on the creator row, so a page never shows a creator of a
-- region the viewer cannot see; a creator moved into a region joins its sorted pages by the next minute or her next activity.
-- No trigger on creator: the roster projection's transactions write creators in several statements, and summary rows
-- locked from them deadlocked the activity projection (docs/benchmarks.md, stop 31).
alter table activity_roster_summary add column region_code text not null default '';

update activity_roster_summary s set region_code = c.region_code
from creator c
where c.creator_id = s.creator_id and c.region_code is not null;

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
