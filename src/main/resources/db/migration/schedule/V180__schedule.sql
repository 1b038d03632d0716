-- The events calendar: campaigns, live events, PK battles, coaching and reviews per region. Times are kept as
-- the wall-clock times people entered (local date-times in the event's IANA zone) so a weekly 18:00 stays 18:00
-- across DST changes; recurrence is an RFC 5545 RRULE expanded by ical4j. first_start/last_end only narrow the
-- rows a window query reads (last_end is null for a rule without end).
create table schedule_event (
    id          bigserial primary key,
    uid         text not null unique,
    title       text not null check (length(title) between 1 and 200),
    kind        text not null check (kind in ('CAMPAIGN', 'LIVE_EVENT', 'PK_BATTLE', 'COACHING', 'REVIEW')),
    region_code text not null references region (code) on update cascade,
    time_zone   text not null,
    all_day     boolean not null,
    start_local timestamp not null,
    end_local   timestamp not null, -- all-day: midnight after the last day (exclusive)
    rrule       text,
    exdates     timestamp[] not null default '{}',
    description text not null default '' check (length(description) <= 5000),
    first_start timestamptz not null,
    last_end    timestamptz,
    sequence    int not null default 0,
    created_by  text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    check (end_local > start_local)
);
create index schedule_event_region_span on schedule_event (region_code, first_start);

create table schedule_event_owner (
    event_id bigint not null references schedule_event (id) on delete cascade,
    user_id  bigint not null references app_user (id),
    primary key (event_id, user_id)
);
create index schedule_event_owner_user on schedule_event_owner (user_id);

create table schedule_event_creator (
    event_id   bigint not null references schedule_event (id) on delete cascade,
    creator_id text not null references creator (creator_id) on delete cascade,
    primary key (event_id, creator_id)
);
create index schedule_event_creator_creator on schedule_event_creator (creator_id);

-- One occurrence of a recurring event moved (RECURRENCE-ID = its original local start).
create table schedule_override (
    event_id      bigint not null references schedule_event (id) on delete cascade,
    recurrence_id timestamp not null,
    start_local   timestamp not null,
    end_local     timestamp not null,
    title         text check (length(title) between 1 and 200),
    primary key (event_id, recurrence_id),
    check (end_local > start_local)
);

-- Secret iCalendar feed URLs: only the SHA-256 of the secret is kept; regions are the creator's at creation
-- (null = every region, an admin's) and are intersected with their current regions at each read.
create table schedule_feed (
    id           bigserial primary key,
    secret_hash  bytea not null unique,
    prefix       text not null,
    scope        text not null check (scope in ('REGION', 'USER', 'CREATOR')),
    scope_id     text not null,
    name         text not null,
    regions      text[],
    user_id      bigint not null references app_user (id),
    created_at   timestamptz not null,
    rotated_at   timestamptz,
    revoked_at   timestamptz,
    last_read_at timestamptz
);
create index schedule_feed_user on schedule_feed (user_id);
