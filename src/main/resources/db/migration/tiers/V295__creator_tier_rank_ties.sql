-- The roster sorted by tier orders creators by the tier's rank, then by platform id (creator_id, creator_tier's own
-- key), both in the sort's direction. One index on (tier_rank, creator_id), read forwards or backwards: a page is one
-- range of it, instead of V281's rank-by-rank walk of every creator's primary key probing this table (5,422 buffers
-- for the first page at 100,000 creators; docs/benchmarks.md, "Read paths at 100,000 creators, stop 14").
drop index creator_tier_rank;
create index creator_tier_rank on creator_tier (tier_rank, creator_id);
