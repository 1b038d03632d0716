-- The roster sorted by an activity figure (sort=-revenue28d, ...) at 100,000 creators: instead of evaluating
-- activity_roster_figures for every creator before the sort, the sort reads this per-creator summary. Each
-- row holds exactly what activity_roster_figures(creator_id, as_of) returns for any as_of before valid_until
-- (the creator's next local midnight, or the start of a stream that lies ahead, whichever comes first). Rows are
-- written from that function, so values equal the definition: for the creators of every applied activity batch
-- (in the projection's transaction) and, set-based, for every row whose valid_until has passed (a job each
-- minute, and before any sorted read). A creator without a row has the function's values for no activity
-- (zeros, no last live). Derived data: activity's reset empties it and a rebuild writes it again.
create table activity_roster_summary (
    creator_id       text primary key,
    last_live_at     timestamptz,
    active_days_28d  bigint not null,
    live_minutes_28d bigint not null,
    revenue_28d_usd  numeric not null,
    followers_28d    bigint not null,
    valid_until      timestamptz not null
);
create index activity_roster_summary_valid_until on activity_roster_summary (valid_until);

-- Existing activity: one row per creator with activity, as of the migration (rows roll forward from there).
insert into activity_roster_summary (creator_id, last_live_at, active_days_28d, live_minutes_28d, revenue_28d_usd, followers_28d, valid_until)
select ac.creator_id, f.last_live_at, f.active_days_28d, f.live_minutes_28d, f.revenue_28d_usd, f.followers_28d,
       least(((now() at time zone ac.time_zone)::date + 1)::timestamp at time zone ac.time_zone,
             (select min(s.started_at) from activity_stream s where s.creator_id = ac.creator_id and s.started_at > now()))
from activity_creator ac
cross join lateral activity_roster_figures(ac.creator_id, now()) f;
