-- Creator tiers per region over the trailing 28 creator days. Thresholds per region (defaults when a
-- region has no row); the current tier with the figures it was computed from; the history of tiers
-- (valid_to null: current); and the daily runs, one per region and local date, claimed across nodes.
create table tier_threshold (
    region_code text primary key references region (code) on update cascade on delete cascade,
    top_percent int not null check (top_percent between 1 and 100),
    mid_percent int not null check (mid_percent between 0 and 100),
    updated_at  timestamptz not null,
    check (top_percent + mid_percent <= 100)
);

create table creator_tier (
    creator_id  text primary key,
    region_code text not null,
    tier        text not null check (tier in ('NEW', 'DORMANT', 'TOP', 'MID', 'EMERGING')),
    since       timestamptz not null,
    revenue_usd numeric(18, 6) not null,
    active_days int not null,
    revenue_rank int,
    computed_at timestamptz not null
);
create index creator_tier_region on creator_tier (region_code, tier);

create table creator_tier_history (
    id          bigserial primary key,
    creator_id  text not null,
    region_code text not null,
    tier        text not null,
    valid_from  timestamptz not null,
    valid_to    timestamptz
);
create unique index creator_tier_history_open on creator_tier_history (creator_id) where valid_to is null;
create index creator_tier_history_creator on creator_tier_history (creator_id, valid_from);

create table tier_run (
    region_code text not null,
    local_date  date not null,
    started_at  timestamptz not null,
    primary key (region_code, local_date)
);
