-- The tiers module's read model for the roster's tier filter (public API, see com.greenroom.tiers.package-info):
-- the creators currently in a tier. Plain SQL and STABLE, so PostgreSQL inlines it into the roster's EXISTS.
create function tier_roster_members(p_tier text)
    returns table (creator_id text)
    language sql stable as
$$
select t.creator_id from creator_tier t where t.tier = p_tier
$$;
create index creator_tier_tier on creator_tier (tier, creator_id);
