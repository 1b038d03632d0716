-- The roster sorted by tier orders creators by the tier's rank, then by platform id (creator_id, creator_tier's own
-- key). One index per direction on (tier_rank, creator_id): a page is one range of one index, instead of V281's
-- rank-by-rank walk of every creator's primary key probing this table (5,422 buffers for the first page at
-- 100,000 creators; docs/benchmarks.md, "Read paths at 100,000 creators, stop 14").
drop index creator_tier_rank;
create index creator_tier_rank_asc on creator_tier (tier_rank, creator_id);
create index creator_tier_rank_desc on creator_tier (tier_rank desc, creator_id);
