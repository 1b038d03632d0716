-- Playbooks (SOPs): one row per key and scope (global: region_code null, or a region's variant, which
-- overrides the global playbook for readers of that region). Versions move draft -> in review -> published
-- -> retired; at most one version is being worked on and at most one is published per playbook.
create table playbook (
    id                bigserial primary key,
    playbook_key      text not null check (playbook_key ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
    region_code       text references region (code) on update cascade,
    title             text not null check (length(title) between 1 and 200),
    owner_id          bigint references app_user (id) on delete set null,
    review_every_days int not null default 7 check (review_every_days between 1 and 365),
    update_every_days int not null default 30 check (update_every_days between 1 and 730),
    tags              text[] not null default '{}',
    review_seq        int not null default 0,
    next_review_at    timestamptz,
    last_reviewed_at  timestamptz,
    seeded            boolean not null default false,
    created_at        timestamptz not null,
    updated_at        timestamptz not null
);
create unique index playbook_scope on playbook (playbook_key, coalesce(region_code, '*'));

create table playbook_version (
    id             bigserial primary key,
    playbook_id    bigint not null references playbook (id) on delete cascade,
    version        int not null check (version >= 1),
    title          text not null check (length(title) between 1 and 200),
    body           text not null,
    change_summary text not null check (length(change_summary) between 1 and 500),
    status         text not null check (status in ('DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED')),
    author         text not null,
    created_at     timestamptz not null,
    submitted_at   timestamptz,
    approved_by    text,
    approved_at    timestamptz,
    published_by   text,
    published_at   timestamptz,
    retired_at     timestamptz,
    unique (playbook_id, version)
);
create unique index playbook_one_open_version on playbook_version (playbook_id) where status in ('DRAFT', 'IN_REVIEW');
create unique index playbook_one_published on playbook_version (playbook_id) where status = 'PUBLISHED';
-- full-text search reads only current guidance, the published versions (an expression index: Playbooks.SEARCH_VECTOR
-- repeats this expression exactly, so the planner uses it)
create index playbook_version_search on playbook_version
    using gin ((setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')))
    where status = 'PUBLISHED';

-- A change request names a playbook key and optionally a region; it becomes a task for the playbook's owner
-- and closes when a version that references it is published.
create table playbook_change_request (
    id                   bigserial primary key,
    playbook_key         text not null,
    region_code          text references region (code) on update cascade,
    summary              text not null check (length(summary) between 1 and 2000),
    source               text not null check (source in ('INCIDENT', 'RELEASE', 'EXPERIMENT', 'MANUAL', 'REVIEW')),
    source_ref           text,
    status               text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    task_id              bigint,
    created_by           text not null,
    created_at           timestamptz not null,
    closed_at            timestamptz,
    closed_by_version_id bigint references playbook_version (id)
);
-- one request per origin: an incident or release asking twice gets the same request back
create unique index playbook_change_request_origin on playbook_change_request (playbook_key, coalesce(region_code, '*'), source, source_ref)
    where source_ref is not null;
create index playbook_change_request_open on playbook_change_request (playbook_key) where status = 'OPEN';

create table playbook_version_change (
    version_id        bigint not null references playbook_version (id) on delete cascade,
    change_request_id bigint not null references playbook_change_request (id),
    primary key (version_id, change_request_id)
);
create index playbook_version_change_request on playbook_version_change (change_request_id);

-- One row per review that fell due (timer playbook-review:<playbook>:<seq>) or was recorded by hand.
create table playbook_review (
    id                bigserial primary key,
    playbook_id       bigint not null references playbook (id) on delete cascade,
    seq               int,
    due_at            timestamptz not null,
    task_id           bigint,
    outcome           text check (outcome in ('NO_CHANGE', 'CHANGE_REQUESTED')),
    note              text,
    change_request_id bigint references playbook_change_request (id),
    reviewed_by       text,
    reviewed_at       timestamptz,
    unique (playbook_id, seq)
);
create index playbook_review_open on playbook_review (playbook_id) where outcome is null;

-- Feature releases and the playbooks they affect; each affected playbook gets a change request.
create table playbook_release (
    id           bigserial primary key,
    name         text not null check (length(name) between 1 and 200),
    release_date date not null,
    notes        text not null default '',
    created_by   text not null,
    created_at   timestamptz not null
);
create table playbook_release_playbook (
    release_id   bigint not null references playbook_release (id) on delete cascade,
    playbook_key text not null,
    primary key (release_id, playbook_key)
);
