-- Experiments on playbooks: variants, who is in which (by seed: computed from the region's registrations in
-- the window; by list: experiment_member), the primary metric and the status draft -> running -> concluded -> retired.
create table experiment (
    id                bigserial primary key,
    name              text not null check (length(name) between 1 and 120),
    hypothesis        text not null check (length(hypothesis) between 1 and 2000),
    owner_user_id     bigint not null references app_user (id),
    region_code       text not null references region (code) on update cascade,
    assignment        text not null check (assignment in ('SEED', 'LIST')),
    seed              bigint,
    metric            text not null check (metric in ('DAY7_RETENTION', 'MILESTONE_DAY14', 'REVENUE_PER_CREATOR')),
    milestone         text,
    variants          text[] not null check (cardinality(variants) between 2 and 10),
    starts_on         date not null,
    ends_on           date not null check (ends_on >= starts_on),
    status            text not null check (status in ('DRAFT', 'RUNNING', 'CONCLUDED', 'RETIRED')),
    retired_reason    text,
    change_request_id bigint,
    created_by        text not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create index experiment_region_status on experiment (region_code, status);

-- By-list assignment: the creator and the variant (its index in experiment.variants, from 0).
create table experiment_member (
    experiment_id bigint not null references experiment (id) on delete cascade,
    creator_id    text not null,
    variant       int not null,
    primary key (experiment_id, creator_id)
);
create index experiment_member_creator on experiment_member (creator_id);
