-- The roster sorted by tier (sort=tier) reads the stored tier's rank in a plain join instead of evaluating
-- tier_roster_figures for every creator: the same ranks as that function (top first, dormant last).
alter table creator_tier add column tier_rank int generated always as (
    case tier when 'TOP' then 1 when 'MID' then 2 when 'EMERGING' then 3 when 'NEW' then 4 when 'DORMANT' then 5 end) stored;
