-- Projections split by creator (issue 13): every log row carries its creator's slot, one of 64, a stored
-- generated column so no writer computes it. hashtextextended is the hash PostgreSQL's hash partitioning
-- relies on, which is why its values stay the same across major versions (pg_upgrade keeps hash partitions).
-- A runner shard is a set of slots (slot % shards = shard), so the configured shard count can change at
-- any time: positions are kept per slot.
-- Cost: adding a stored column rewrites every day partition once, under a lock that holds appends meanwhile
-- (docs/deployment.md, "Rolling upgrade").
alter table platform_event
    add column shard smallint generated always as ((hashtextextended(creator_id, 0) & 63)::smallint) stored;

-- A shard's events in arrival order: one index range per slot, merged by seq.
create index platform_event_shard on platform_event (shard, seq);

-- One position per (projection, slot): the seq up to which that slot's events are applied. Existing
-- positions become every slot's position, so nothing is applied twice or missed.
alter table projection_position add column slot smallint not null default 0;
alter table projection_position drop constraint projection_position_pkey;
insert into projection_position (name, slot, position, updated_at)
select p.name, s, p.position, p.updated_at
from projection_position p cross join generate_series(1, 63) as s;
alter table projection_position alter column slot drop default;
alter table projection_position add primary key (name, slot);
alter table projection_position add constraint projection_position_slot check (slot between 0 and 63);
