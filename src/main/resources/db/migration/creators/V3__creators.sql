-- The creator roster. creator_id is the streaming platform's id; id is Greenroom's own key.
create table creator (
    id            bigserial primary key,
    creator_id    text not null unique check (length(creator_id) between 1 and 128),
    handle        text not null check (length(handle) between 1 and 100),
    country       char(2) check (country ~ '^[A-Z]{2}$'),
    region_code   text references region (code) on update cascade,
    language      text,
    time_zone     text,
    manager_id    bigint references app_user (id),
    status        text not null check (status in ('PENDING', 'ACTIVE', 'PAUSED', 'OFFBOARDED')),
    registered_at timestamptz,
    notes         text not null default '',
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index creator_region_handle on creator (region_code, lower(handle), id);
create index creator_manager on creator (manager_id);
create index creator_handle on creator (lower(handle), id);
