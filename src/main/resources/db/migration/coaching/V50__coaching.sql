-- Coaching: the topic list admins keep, and the sessions coaches log per creator. A session's follow-up
-- date becomes a task owned by the coach (follow_up_task_id).
create table coaching_topic (
    code       text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name       text not null check (length(name) between 1 and 80),
    active     boolean not null default true,
    position   int not null,
    seeded     boolean not null default false,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index coaching_topic_name on coaching_topic (lower(name));

insert into coaching_topic (code, name, position, seeded, created_at, updated_at) values
    ('content-cadence', 'Content cadence', 1, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('monetization-prompts', 'Monetization prompts', 2, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('community', 'Community', 3, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('safety-policy', 'Safety & policy', 4, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

create table coaching_session (
    id                bigserial primary key,
    creator_id        text not null references creator (creator_id) on delete cascade,
    region_code       text not null references region (code) on update cascade,
    occurred_at       timestamptz not null,
    coach_user_id     bigint not null references app_user (id),
    topics            text[] not null check (cardinality(topics) >= 1),
    notes             text not null default '' check (length(notes) <= 10000),
    next_step         text check (length(next_step) <= 1000),
    follow_up_on      date,
    follow_up_task_id bigint references task (id) on delete set null,
    created_by        text not null,
    created_at        timestamptz not null
);
create index coaching_session_creator on coaching_session (creator_id, occurred_at desc, id desc);
create index coaching_session_coach on coaching_session (coach_user_id, occurred_at desc);
