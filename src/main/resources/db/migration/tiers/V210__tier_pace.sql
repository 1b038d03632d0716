-- Tier pace (public API of the tiers module, see com.greenroom.tiers.package-info).
--
-- Tier periods are consecutive runs of 28 creator days (the length of the tier window), counted from
-- period_anchor (a Monday, so every period is four whole weeks), in each creator's own time zone: on a
-- period's last day a tier computation looks at exactly that period. reach_factor is how much faster
-- than their pace so far a creator may have to go to count as "within reach" of the next tier. The
-- application writes both from greenroom.tiers.pace.* at start-up.
create table tier_pace_setting (
    singleton     boolean primary key default true check (singleton),
    period_anchor date not null,
    reach_factor  numeric(6, 3) not null check (reach_factor > 0)
);
insert into tier_pace_setting (singleton, period_anchor, reach_factor) values (true, date '2024-01-01', 1.5);

-- A tier's cut-off (the 28-day revenue of its lowest-ranked member) per region is an index lookup.
create index creator_tier_cutoff on creator_tier (region_code, tier, revenue_usd);

-- One creator's pace in the current tier period at an instant: always one row. Value so far over the
-- period's creator days up to and including today; projected end value = value so far * 28 / elapsed
-- days (revenue rounded to cents, days and minutes to tenths); the tier that projection lands in (NEW
-- while still under 28 days old at the period's end, DORMANT with no active day so far, else the highest
-- of TOP and MID whose current cut-off the projected revenue reaches, else EMERGING); the next tier
-- above the current one (EMERGING -> MID -> TOP; DORMANT -> EMERGING; none for TOP, NEW or before the
-- first computation) with its threshold: the cut-off revenue for MID and TOP, one active day for
-- EMERGING; the gaps (threshold minus value so far; zero or less: reached); and within_reach: the gap on
-- the deciding measure (revenue; active days for a dormant creator) is reached, or closing it needs per
-- remaining day (today included) at most reach_factor times the creator's daily pace so far.
create function tier_pace_figures(p_creator_id text, p_as_of timestamptz)
    returns table (period_start date, period_end date, creator_today date, elapsed_days int, days_left int,
                   revenue_usd numeric, active_days bigint, live_minutes bigint,
                   projected_revenue_usd numeric, projected_active_days numeric, projected_live_minutes numeric,
                   current_tier text, pace_tier text, pace_tier_label text, pace_tier_rank int, next_tier text,
                   next_revenue_usd numeric, next_active_days int, revenue_gap_usd numeric, active_days_gap bigint,
                   within_reach boolean, reach_label text)
    language sql stable as
$$
select b.period_start, b.period_start + 27, b.today, b.elapsed, b.period_start + 28 - b.today,
       f.revenue, f.active_days, f.live_minutes,
       round(f.revenue * 28 / b.elapsed, 2), round(f.active_days * 28.0 / b.elapsed, 1), round(f.live_minutes * 28.0 / b.elapsed, 1),
       t.tier, pt.tier, initcap(lower(pt.tier)),
       case pt.tier when 'TOP' then 1 when 'MID' then 2 when 'EMERGING' then 3 when 'NEW' then 4 when 'DORMANT' then 5 end,
       nx.tier, nx.revenue, nx.active_days, nx.revenue - f.revenue, nx.active_days - f.active_days,
       coalesce(r.within, false), case when r.within then 'Yes' else 'No' end
from tier_pace_setting s
left join creator c on c.creator_id = p_creator_id
left join activity_creator ac on ac.creator_id = p_creator_id
left join creator_tier t on t.creator_id = p_creator_id
cross join lateral (select (p_as_of at time zone coalesce(ac.time_zone, 'UTC'))::date as today) d
cross join lateral (select d.today, d.today - (((d.today - s.period_anchor) % 28) + 28) % 28 as period_start,
                           (((d.today - s.period_anchor) % 28) + 28) % 28 + 1 as elapsed) b
cross join lateral (select coalesce(sum(cd.gift_revenue_usd + cd.subscription_revenue_usd), 0) as revenue,
                           count(*) filter (where cd.active) as active_days,
                           div(coalesce(sum(cd.live_seconds), 0), 60)::bigint as live_minutes
                    from activity_creator_day cd
                    where cd.creator_id = p_creator_id and cd.day >= b.period_start and cd.day <= b.today) f
cross join lateral (select (select min(x.revenue_usd) from creator_tier x where x.region_code = c.region_code and x.tier = 'TOP') as top,
                           (select min(x.revenue_usd) from creator_tier x where x.region_code = c.region_code and x.tier = 'MID') as mid) cut
cross join lateral (select case
                             when c.registered_at is null then null
                             when c.registered_at + interval '28 days' > ((b.period_start + 28)::timestamp at time zone coalesce(ac.time_zone, 'UTC')) then 'NEW'
                             when f.active_days = 0 then 'DORMANT'
                             when cut.top is not null and round(f.revenue * 28 / b.elapsed, 2) >= cut.top then 'TOP'
                             when cut.mid is not null and round(f.revenue * 28 / b.elapsed, 2) >= cut.mid then 'MID'
                             else 'EMERGING' end as tier) pt
cross join lateral (select case t.tier when 'EMERGING' then 'MID' when 'MID' then 'TOP' when 'DORMANT' then 'EMERGING' end as tier,
                           case t.tier when 'EMERGING' then cut.mid when 'MID' then cut.top when 'DORMANT' then 0 end as revenue,
                           case when t.tier = 'DORMANT' then 1 end as active_days) nx
cross join lateral (select case
                             when nx.tier is null then false
                             when nx.tier = 'EMERGING' then (1 - f.active_days) <= 0
                                  or f.active_days * (b.period_start + 28 - b.today) * s.reach_factor >= (1 - f.active_days) * b.elapsed
                             when nx.revenue is null then false
                             else nx.revenue - f.revenue <= 0
                                  or f.revenue * (b.period_start + 28 - b.today) * s.reach_factor >= (nx.revenue - f.revenue) * b.elapsed
                           end as within) r
$$;
