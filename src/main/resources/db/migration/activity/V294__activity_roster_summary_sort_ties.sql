-- The roster sorted by an activity figure orders creators by the figure, then by platform id (creator_id, the
-- summary's own key, which a rebuild of any projection leaves as it is), both in the sort's direction. One index per
-- figure on (figure, creator_id), read forwards or backwards, so a page (first or after a cursor) is one range of
-- one index: about one page of entries, however many creators share the page's last value (V280's indexes on the
-- figure alone made PostgreSQL read and sort every creator tied with it: ~410 per revenue value in the
-- 100,000-creator bench, docs/benchmarks.md, "Read paths at 100,000 creators, stop 14"). Five indexes, as before:
-- every applied activity batch rewrites its creators' rows, and each index costs that write (a pair per figure, one
-- per direction with ties always ascending, measured ~50% more WAL records per rewritten row).
drop index activity_roster_summary_last_live;
drop index activity_roster_summary_active_days;
drop index activity_roster_summary_live_minutes;
drop index activity_roster_summary_revenue;
drop index activity_roster_summary_followers;
create index activity_roster_summary_last_live on activity_roster_summary (last_live_at, creator_id);
create index activity_roster_summary_active_days on activity_roster_summary (active_days_28d, creator_id);
create index activity_roster_summary_live_minutes on activity_roster_summary (live_minutes_28d, creator_id);
create index activity_roster_summary_revenue on activity_roster_summary (revenue_28d_usd, creator_id);
create index activity_roster_summary_followers on activity_roster_summary (followers_28d, creator_id);
