-- Incidents: what happened, how bad, where, who owns it, its lifecycle, timeline, outcome and lessons.
create table incident (
    id           bigserial primary key,
    title        text not null check (length(title) between 1 and 200),
    severity     text not null check (severity in ('SEV1', 'SEV2', 'SEV3')),
    status       text not null default 'INVESTIGATING' check (status in ('INVESTIGATING', 'MITIGATED', 'RESOLVED')),
    owner_id     bigint references app_user (id) on delete set null,
    outcome      text check (length(outcome) <= 5000),
    declared_by  text not null,
    declared_at  timestamptz not null,
    mitigated_at timestamptz,
    resolved_at  timestamptz,
    updated_at   timestamptz not null,
    check (status <> 'RESOLVED' or (outcome is not null and resolved_at is not null))
);
create index incident_declared on incident (declared_at desc, id desc);

-- the regions an incident touches: who may see it
create table incident_region (
    incident_id bigint not null references incident (id) on delete cascade,
    region_code text   not null references region (code) on update cascade,
    primary key (incident_id, region_code)
);
create index incident_region_code on incident_region (region_code, incident_id);

create table incident_entry (
    id          bigserial primary key,
    incident_id bigint not null references incident (id) on delete cascade,
    author      text not null,
    at          timestamptz not null,
    kind        text not null check (kind in ('NOTE', 'DECLARED', 'STATUS', 'OWNER', 'SEVERITY', 'TITLE', 'OUTCOME', 'LESSON')),
    text        text not null check (length(text) between 1 and 5000)
);
create index incident_entry_incident on incident_entry (incident_id, at, id);

create table incident_lesson (
    id           bigserial primary key,
    incident_id  bigint not null references incident (id) on delete cascade,
    text         text not null check (length(text) between 1 and 2000),
    playbook_key text not null,
    author       text not null,
    at           timestamptz not null
);
create index incident_lesson_incident on incident_lesson (incident_id, id);

-- the task a lesson became in each of its regions
create table incident_lesson_task (
    lesson_id   bigint not null references incident_lesson (id) on delete cascade,
    region_code text   not null,
    task_id     bigint not null,
    owner_id    bigint,
    change_request_id bigint,
    primary key (lesson_id, region_code)
);

-- the tickets an incident was declared from (no foreign key: this migration runs before the tickets module's)
create table incident_ticket (
    incident_id bigint not null references incident (id) on delete cascade,
    ticket_id   bigint not null,
    primary key (incident_id, ticket_id)
);
create index incident_ticket_ticket on incident_ticket (ticket_id);
