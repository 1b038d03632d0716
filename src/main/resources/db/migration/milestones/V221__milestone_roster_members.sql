-- The milestones module's read model for the roster's milestone filter (public API, see
-- com.greenroom.milestones.package-info): the creators who reached a milestone. Plain SQL and STABLE, so
-- PostgreSQL inlines it into the roster's EXISTS and joins creator_milestone's (code, creator_id) index,
-- instead of the JVM loading every reached creator id and sending them back as an array.
create function milestone_roster_members(p_code text)
    returns table (creator_id text)
    language sql stable as
$$
select m.creator_id from creator_milestone m where m.code = p_code
$$;
