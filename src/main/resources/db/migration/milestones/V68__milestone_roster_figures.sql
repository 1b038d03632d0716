-- The milestones module's read model for the roster (public API, see com.greenroom.milestones.package-info):
-- how many of the defined milestones a creator has reached by an instant, as a number and as "2/4".
create function milestone_roster_figures(p_creator_id text, p_as_of timestamptz)
    returns table (milestones_reached bigint, milestone_progress text)
    language sql stable as
$$
select r.reached, r.reached || '/' || (select count(*) from milestone_definition)
from (select count(*) as reached from creator_milestone m
      where m.creator_id = p_creator_id and m.reached_at <= p_as_of) as r
$$;
