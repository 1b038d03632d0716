-- Campaigns (module growth): a period in calendar dates (each region's own midnight starts and ends it), a cost
-- converted to USD at the configured rate when entered, and participants: named creators, or a segment whose
-- members are stored when the campaign starts in each region (frozen: later tier, manager or region changes do
-- not move them).
create table campaign (
    id                 bigserial primary key,
    name               text          not null check (length(name) between 1 and 200),
    goal               text          not null default '',
    revenue_target_usd numeric(18, 6) check (revenue_target_usd > 0),
    start_date         date          not null,
    end_date           date          not null,
    cost_value         numeric(20, 6) not null check (cost_value > 0),
    cost_currency      text          not null,
    cost_usd           numeric(20, 6) not null check (cost_usd > 0),
    participants       text          not null check (participants in ('CREATORS', 'SEGMENT')),
    segment_region     text,
    segment_tier       text,
    segment_manager_id bigint,
    segment_country    text,
    segment_language   text,
    created_by         text          not null,
    created_at         timestamptz   not null,
    check (end_date >= start_date)
);

create table campaign_region (
    campaign_id bigint not null references campaign (id) on delete cascade,
    region_code text   not null references region (code) on update cascade,
    frozen_at   timestamptz,
    primary key (campaign_id, region_code)
);
create index campaign_region_region on campaign_region (region_code, campaign_id);

-- The participants and the region each counts in (the creator's region when named or frozen).
create table campaign_participant (
    campaign_id bigint not null references campaign (id) on delete cascade,
    creator_id  text   not null,
    region_code text   not null,
    primary key (campaign_id, creator_id)
);
create index campaign_participant_region on campaign_participant (campaign_id, region_code);
