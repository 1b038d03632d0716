-- The activity module's read model for the roster (public API, see com.greenroom.activity.package-info):
-- one creator's figures as of an instant: the last stream start, and over the trailing 28 creator days
-- (in the creator's own time zone, today included) active days, live minutes, revenue (gifts and
-- subscriptions, USD) and follows gained. Always one row; a creator without activity has zeros and no
-- last live. Plain SQL and STABLE, so PostgreSQL inlines it into the roster's lateral join.
create function activity_roster_figures(p_creator_id text, p_as_of timestamptz)
    returns table (last_live_at timestamptz, active_days_28d bigint, live_minutes_28d bigint, revenue_28d_usd numeric,
                   followers_28d bigint)
    language sql stable as
$$
select (select max(s.started_at) from activity_stream s where s.creator_id = p_creator_id and s.started_at <= p_as_of),
       count(d.day) filter (where d.active),
       div(coalesce(sum(d.live_seconds), 0), 60)::bigint,
       coalesce(sum(d.gift_revenue_usd + d.subscription_revenue_usd), 0),
       coalesce(sum(d.follows), 0)
from (select 1) as one
left join activity_creator ac on ac.creator_id = p_creator_id
left join activity_creator_day d on d.creator_id = ac.creator_id
      and d.day > (p_as_of at time zone ac.time_zone)::date - 28
      and d.day <= (p_as_of at time zone ac.time_zone)::date
$$;
