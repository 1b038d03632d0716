-- Milestones of the creator success framework: what counts (kind, threshold), and who reached what when.
create table milestone_definition (
    code       text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,47}$'),
    name       text not null check (length(name) between 1 and 100),
    kind       text not null check (kind in ('STREAMS', 'ACTIVE_DAYS', 'PAYMENTS', 'REVENUE_USD', 'SUBSCRIPTIONS', 'FOLLOWS',
                                             'UNIQUE_VIEWERS', 'RETAINED_VIEWERS')),
    threshold  numeric(20, 2) not null check (threshold > 0),
    built_in   boolean not null default false,
    position   int not null,
    created_at timestamptz not null
);

insert into milestone_definition (code, name, kind, threshold, built_in, position, created_at) values
    ('FIRST_STREAM', 'First stream', 'STREAMS', 1, true, 1, '2026-01-01T00:00:00Z'),
    ('FIRST_REVENUE', 'First revenue', 'PAYMENTS', 1, true, 2, '2026-01-01T00:00:00Z'),
    ('TEN_RETAINED_VIEWERS', 'Ten retained viewers', 'RETAINED_VIEWERS', 10, true, 3, '2026-01-01T00:00:00Z'),
    ('FIRST_SUBSCRIPTION', 'First subscription', 'SUBSCRIPTIONS', 1, true, 4, '2026-01-01T00:00:00Z');

-- Derived: dropped by a rebuild and recomputed. reached_at is the event time of the qualifying event.
create table creator_milestone (
    creator_id  text not null,
    code        text not null references milestone_definition (code) on delete cascade,
    reached_at  timestamptz not null,
    reached_day date not null,
    event_id    text not null,
    primary key (creator_id, code)
);
create index creator_milestone_code on creator_milestone (code, creator_id);

-- Not derived: which reached milestones have been announced (MilestoneReached published). Survives a
-- rebuild so that a creator's milestone is announced once, ever.
create table milestone_announcement (
    creator_id   text not null,
    code         text not null,
    reached_at   timestamptz not null,
    announced_at timestamptz not null,
    primary key (creator_id, code)
);
