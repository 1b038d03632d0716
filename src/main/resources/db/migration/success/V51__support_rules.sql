-- Milestone support actions. A rule belongs to a milestone code and either fires when the milestone is
-- reached (ON_REACHED) or when it is not reached some days after registration (STALL). rule_key names the
-- rule across scopes: a regional rule with the key of a global one replaces it in that region.
create table success_rule (
    id             bigserial primary key,
    milestone_code text not null,
    kind           text not null check (kind in ('ON_REACHED', 'STALL')),
    rule_key       text not null check (rule_key ~ '^[a-z][a-z0-9-]{1,39}$'),
    region_code    text references region (code) on update cascade,
    title          text not null check (length(title) between 1 and 200),
    owner          text not null,
    due_offset     int not null check (due_offset between 0 and 365),
    due_unit       text not null check (due_unit in ('DAYS', 'BUSINESS_DAYS')),
    stall_after    int check (stall_after between 1 and 365),
    stall_unit     text check (stall_unit in ('DAYS', 'BUSINESS_DAYS')),
    active         boolean not null default true,
    seeded         boolean not null default false,
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    check ((kind = 'STALL') = (stall_after is not null and stall_unit is not null))
);
create unique index success_rule_scope on success_rule (milestone_code, rule_key, coalesce(region_code, ''));

-- One row per rule (by milestone and key, whichever scope's version fired) and creator: the claim that
-- makes each firing happen once across nodes and restarts.
create table success_firing (
    milestone_code text not null,
    rule_key       text not null,
    creator_id     text not null,
    rule_id        bigint not null references success_rule (id),
    kind           text not null,
    fired_at       timestamptz not null,
    task_id        bigint references task (id) on delete set null,
    primary key (milestone_code, rule_key, creator_id)
);
create index success_firing_creator on success_firing (creator_id);

insert into success_rule (milestone_code, kind, rule_key, title, owner, due_offset, due_unit, stall_after, stall_unit, seeded,
                          created_at, updated_at) values
    ('FIRST_STREAM', 'ON_REACHED', 'congratulate', 'Congratulate on the first stream and share the next-step guide',
     'CREATORS_MANAGER', 1, 'BUSINESS_DAYS', null, null, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('FIRST_STREAM', 'STALL', 'no-first-stream', 'No first stream 3 days after registration: call the creator',
     'CREATORS_MANAGER', 1, 'BUSINESS_DAYS', 3, 'DAYS', true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('FIRST_REVENUE', 'ON_REACHED', 'congratulate', 'Congratulate on the first revenue and share the monetization guide',
     'CREATORS_MANAGER', 1, 'BUSINESS_DAYS', null, null, true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    ('FIRST_REVENUE', 'STALL', 'no-revenue', 'No revenue after 14 days: monetization coaching',
     'CREATORS_MANAGER', 2, 'BUSINESS_DAYS', 14, 'DAYS', true, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
