-- Recurring routines of the operating rhythm. A routine recurs by an RFC 5545 RRULE evaluated in the local
-- time of its region (or of every region when region_code is null), due at due_time local, and becomes one
-- task per occurrence. generated_until is the instant up to which occurrences have been turned into tasks;
-- timer_key names the durable timer that generates the next stretch.
create table routine (
    id              bigserial primary key,
    title           text        not null check (length(title) between 1 and 200),
    guidance        text        not null default '' check (length(guidance) <= 10000),
    region_code     text references region (code) on update cascade,
    owner_role      text        not null,
    owner_user_id   bigint references app_user (id),
    rrule           text        not null check (length(rrule) between 1 and 500),
    exdates         date[]      not null default '{}',
    due_time        time        not null,
    starts_on       date        not null,
    horizon_days    integer check (horizon_days between 1 and 366),
    view_key        text        not null,
    checklist       text[]      not null default '{}',
    non_working_day text        not null default 'KEEP' check (non_working_day in ('KEEP', 'NEXT_WORKING_DAY', 'SKIP')),
    paused          boolean     not null default false,
    revision        integer     not null default 1,
    generated_until timestamptz,
    timer_key       text,
    seed_key        text,
    created_by      text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    unique (region_code, seed_key)
);
create index routine_region on routine (region_code, id);

-- The claim that makes generation exactly-once: one row per routine, region and local occurrence (the rule's
-- local date-time, before a DST-gap or working-day shift), inserted in the transaction that creates its task.
create table routine_occurrence (
    routine_id  bigint      not null references routine (id),
    region_code text        not null references region (code) on update cascade,
    local_at    timestamp   not null,
    due_at      timestamptz not null,
    task_id     bigint references task (id),
    revision    integer     not null,
    created_at  timestamptz not null,
    primary key (routine_id, region_code, local_at)
);
-- accountability reads a region's occurrences of one ISO week (local dates)
create index routine_occurrence_region_week on routine_occurrence (region_code, local_at);
create index routine_occurrence_task on routine_occurrence (task_id);
