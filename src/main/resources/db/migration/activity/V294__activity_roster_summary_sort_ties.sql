-- The roster sorted by an activity figure orders creators by the figure, then by platform id (creator_id, the
-- summary's own key, which a rebuild of any projection leaves as it is). One index per figure and direction, on
-- (figure, creator_id), so a page (first or after a cursor) is one range of one index: about one page of entries,
-- however many creators share the page's last value (V280's indexes on the figure alone made PostgreSQL read and
-- sort every creator tied with it: ~410 per revenue value in the 100,000-creator bench, docs/benchmarks.md,
-- "Read paths at 100,000 creators, stop 14").
drop index activity_roster_summary_last_live;
drop index activity_roster_summary_active_days;
drop index activity_roster_summary_live_minutes;
drop index activity_roster_summary_revenue;
drop index activity_roster_summary_followers;
create index activity_roster_summary_last_live_asc on activity_roster_summary (last_live_at, creator_id);
create index activity_roster_summary_last_live_desc on activity_roster_summary (last_live_at desc, creator_id);
create index activity_roster_summary_active_days_asc on activity_roster_summary (active_days_28d, creator_id);
create index activity_roster_summary_active_days_desc on activity_roster_summary (active_days_28d desc, creator_id);
create index activity_roster_summary_live_minutes_asc on activity_roster_summary (live_minutes_28d, creator_id);
create index activity_roster_summary_live_minutes_desc on activity_roster_summary (live_minutes_28d desc, creator_id);
create index activity_roster_summary_revenue_asc on activity_roster_summary (revenue_28d_usd, creator_id);
create index activity_roster_summary_revenue_desc on activity_roster_summary (revenue_28d_usd desc, creator_id);
create index activity_roster_summary_followers_asc on activity_roster_summary (followers_28d, creator_id);
create index activity_roster_summary_followers_desc on activity_roster_summary (followers_28d desc, creator_id);
