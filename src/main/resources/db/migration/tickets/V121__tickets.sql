-- The escalation map: one row per priority with its owner role, the time its targets count in (the
-- ticket region's business calendar or 24/7), targets in minutes, the warning threshold and the levels
-- after a breach ([{afterBreachMinutes, notifyRole | notifyUserId, reassign}]). version grows with each
-- edit so tickets of that priority re-arm their timers for the new targets.
create table escalation_policy (
    priority               text primary key check (priority in ('P1', 'P2', 'P3')),
    meaning                text not null check (length(meaning) <= 500),
    owner_role             text not null,
    calendar               text not null check (calendar in ('BUSINESS', 'ALWAYS')),
    first_response_minutes integer not null check (first_response_minutes > 0),
    resolution_minutes     integer not null check (resolution_minutes > 0),
    warn_at_percent        integer not null check (warn_at_percent between 1 and 99),
    levels                 jsonb not null default '[]',
    version                integer not null default 1,
    updated_at             timestamptz not null
);

insert into escalation_policy (priority, meaning, owner_role, calendar, first_response_minutes, resolution_minutes, warn_at_percent, levels, updated_at)
values ('P1', 'A creator cannot stream or get paid, or a safety or legal risk is live', 'REGIONAL_LEAD', 'ALWAYS', 15, 240, 80,
        '[{"afterBreachMinutes": 0, "notifyRole": "REGIONAL_LEAD", "reassign": false}, {"afterBreachMinutes": 30, "notifyRole": "ADMIN", "reassign": false}]', now()),
       ('P2', 'A feature, payout or account problem with a workaround', 'CREATOR_MANAGER', 'BUSINESS', 240, 960, 80,
        '[{"afterBreachMinutes": 60, "notifyRole": "REGIONAL_LEAD", "reassign": false}]', now()),
       ('P3', 'A question, a request or a minor problem', 'CREATOR_MANAGER', 'BUSINESS', 480, 2400, 80,
        '[{"afterBreachMinutes": 240, "notifyRole": "REGIONAL_LEAD", "reassign": false}]', now());

-- A ticket. status_history is the list of {status, at} the SLA clock is computed from; sla_due_at (the
-- next deadline of a running clock, null while paused or resolved) and sla_breached are kept current on
-- every change and by the breach timers, so the breached / breaching-soon queues are plain index reads.
create table ticket (
    id                bigserial primary key,
    external_id       text unique check (length(external_id) <= 200),
    subject           text not null check (length(subject) <= 200),
    description       text not null default '' check (length(description) <= 20000),
    creator_id        text,
    region_code       text not null references region (code) on update cascade,
    category          text not null default '' check (length(category) <= 100),
    priority          text not null check (priority in ('P1', 'P2', 'P3')),
    status            text not null check (status in ('NEW', 'OPEN', 'WAITING_ON_CREATOR', 'RESOLVED', 'CLOSED')),
    assignee_id       bigint references app_user (id),
    owner_role        text not null,
    tags              text[] not null default '{}',
    source            text not null check (length(source) <= 100),
    outcome           text check (length(outcome) <= 2000),
    opened_at         timestamptz not null,
    first_response_at timestamptz,
    resolved_at       timestamptz,
    status_history    jsonb not null,
    sla_version       integer not null default 1,
    sla_due_at        timestamptz,
    sla_breached      boolean not null default false,
    created_by        text not null,
    updated_at        timestamptz not null
);

create index ticket_region_status on ticket (region_code, status, id desc);
create index ticket_assignee on ticket (assignee_id, id desc) where status <> 'CLOSED';
create index ticket_due on ticket (sla_due_at) where sla_due_at is not null;
create index ticket_creator on ticket (creator_id, id desc) where creator_id is not null;

create table ticket_comment (
    id         bigserial primary key,
    ticket_id  bigint not null references ticket (id) on delete cascade,
    kind       text not null check (kind in ('NOTE', 'REPLY')),
    body       text not null check (length(body) <= 20000),
    author_id  bigint references app_user (id),
    author     text not null,
    created_at timestamptz not null
);

create index ticket_comment_ticket on ticket_comment (ticket_id, id);

-- Links are kept in both directions.
create table ticket_link (
    ticket_id bigint not null references ticket (id) on delete cascade,
    linked_id bigint not null references ticket (id) on delete cascade,
    primary key (ticket_id, linked_id),
    check (ticket_id <> linked_id)
);

-- Everything that happened to a ticket, in order: changes by people and warnings, breaches and escalations.
create table ticket_history (
    id        bigserial primary key,
    ticket_id bigint not null references ticket (id) on delete cascade,
    at        timestamptz not null,
    actor     text not null,
    action    text not null,
    detail    text not null default ''
);

create index ticket_history_ticket on ticket_history (ticket_id, id);
