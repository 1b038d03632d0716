-- The roster sorted by an activity figure reads a page from an ordered index scan of the summary (one index per
-- sortable figure, read forward or backward), joined to the creator row and filtered there, instead of joining
-- every creator to its summary row before a top-N sort (docs/benchmarks.md, "Read paths, third pass").
create index activity_roster_summary_last_live on activity_roster_summary (last_live_at);
create index activity_roster_summary_active_days on activity_roster_summary (active_days_28d);
create index activity_roster_summary_live_minutes on activity_roster_summary (live_minutes_28d);
create index activity_roster_summary_revenue on activity_roster_summary (revenue_28d_usd);
create index activity_roster_summary_followers on activity_roster_summary (followers_28d);
