-- The roster filtered by tier (tier=MID) walks creators in the page's order and probes this table once per creator
-- walked until the page is full (~460 probes for a page of 50 MID creators at 100,000 creators, 12% of them MID). With
-- creator_tier_tier (tier, creator_id) each probe descends a three-level index of every creator's tier (3 buffers).
-- One partial index per tier holds only that tier's members (at most ~30,000 at 100,000 creators): two levels, so a
-- probe reads 2 buffers. The roster names the tier as a constant of its statement (the module's own tier name, never
-- the request's text), so tier_roster_members('MID') inlines to tier = 'MID' and PostgreSQL can use the partial index
-- (docs/benchmarks.md, "Roster tier filter and the four slow roster classes, stop 21 (reads13)"). A row is in exactly
-- one of them.
create index creator_tier_member_new on creator_tier (creator_id) where tier = 'NEW';
create index creator_tier_member_dormant on creator_tier (creator_id) where tier = 'DORMANT';
create index creator_tier_member_top on creator_tier (creator_id) where tier = 'TOP';
create index creator_tier_member_mid on creator_tier (creator_id) where tier = 'MID';
create index creator_tier_member_emerging on creator_tier (creator_id) where tier = 'EMERGING';
