-- The tiers module's read model for the roster (public API, see com.greenroom.tiers.package-info): a
-- creator's current tier as a label, and a rank to sort by (top first, dormant last; none: null).
create function tier_roster_figures(p_creator_id text, p_as_of timestamptz)
    returns table (tier text, tier_rank int)
    language sql stable as
$$
select initcap(lower(t.tier)),
       case t.tier when 'TOP' then 1 when 'MID' then 2 when 'EMERGING' then 3 when 'NEW' then 4 when 'DORMANT' then 5 end
from (select 1) as one
left join creator_tier t on t.creator_id = p_creator_id
$$;
