-- One task model for every kind of owned work. A task is owned by a user, or by a role in its region
-- until someone with that role claims it (owner_role is kept after the claim: it says who may claim).
create table task (
    id              bigserial primary key,
    title           text not null check (length(title) between 1 and 200),
    source_type     text not null check (source_type ~ '^[A-Z][A-Z0-9_]{1,39}$'),
    source_id       text check (length(source_id) <= 200),
    source_url      text check (length(source_url) <= 500),
    creator_id      text,
    region_code     text not null references region (code) on update cascade,
    owner_user_id   bigint references app_user (id),
    owner_role      text,
    due_at          timestamptz not null,
    status          text not null default 'OPEN' check (status in ('OPEN', 'DONE', 'SKIPPED')),
    skip_reason     text,
    completion_note text,
    completed_by    bigint references app_user (id),
    completed_at    timestamptz,
    created_by      text not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    check (owner_user_id is not null or owner_role is not null),
    check (status <> 'SKIPPED' or length(skip_reason) > 0)
);
create index task_owner_due on task (owner_user_id, status, due_at, id);
create index task_region_due on task (region_code, status, due_at, id);
create index task_creator on task (creator_id);
create index task_source on task (source_type, source_id);
