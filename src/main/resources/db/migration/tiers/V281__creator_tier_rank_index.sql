-- The roster sorted by tier (sort=tier) reads its page from an ordered scan of the stored tier's rank.
create index creator_tier_rank on creator_tier (tier_rank);
