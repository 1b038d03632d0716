-- Onboarding checklist templates: one per scope (global, or a region's variant), each with numbered
-- versions. A published version never changes; checklists keep the version they started with.
create table onboarding_template (
    id          bigserial primary key,
    name        text not null check (length(name) between 1 and 100),
    region_code text references region (code) on update cascade,
    seeded      boolean not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index onboarding_template_scope on onboarding_template (coalesce(region_code, '*'));

create table onboarding_template_version (
    id           bigserial primary key,
    template_id  bigint not null references onboarding_template (id) on delete cascade,
    version      int not null check (version >= 1),
    status       text not null check (status in ('DRAFT', 'PUBLISHED')),
    seeded       boolean not null default false,
    created_by   text not null,
    created_at   timestamptz not null,
    published_by text,
    published_at timestamptz,
    unique (template_id, version)
);
-- at most one draft per template
create unique index onboarding_template_one_draft on onboarding_template_version (template_id) where status = 'DRAFT';

-- A step's due is its offset after onboarding start, or after the due of the step named in after_key.
create table onboarding_step (
    id                  bigserial primary key,
    version_id          bigint not null references onboarding_template_version (id) on delete cascade,
    position            int not null,
    step_key            text not null check (step_key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    title               text not null check (length(title) between 1 and 200),
    guidance            text not null default '',
    owner_role          text not null,
    due_offset          int not null check (due_offset between 0 and 365),
    due_unit            text not null check (due_unit in ('DAYS', 'BUSINESS_DAYS')),
    after_key           text,
    required            boolean not null,
    condition_regions   text[] not null default '{}',
    condition_countries text[] not null default '{}',
    condition_languages text[] not null default '{}',
    unique (version_id, position),
    unique (version_id, step_key)
);

-- One checklist per creator, ever: the unique creator_id makes starting it idempotent.
create table onboarding_checklist (
    id          bigserial primary key,
    creator_id  text not null unique,
    region_code text not null,
    template_id bigint not null references onboarding_template (id),
    version_id  bigint not null references onboarding_template_version (id),
    started_at  timestamptz not null,
    started_by  text not null
);
create index onboarding_checklist_version on onboarding_checklist (version_id);

-- The task (in the tasks module) that carries each included step of a checklist.
create table onboarding_checklist_step (
    checklist_id bigint not null references onboarding_checklist (id) on delete cascade,
    step_id      bigint not null references onboarding_step (id),
    task_id      bigint not null,
    due_at       timestamptz not null,
    primary key (checklist_id, step_id)
);

-- Seed: the default global onboarding template drawn from the playbook, and a Southeast Asia variant
-- with a local-language community step (only for creators whose language is one of the region's).
insert into onboarding_template (name, region_code, seeded, created_at, updated_at) values
    ('Creator onboarding', null, true, now(), now()),
    ('Creator onboarding · Southeast Asia', 'SEA', true, now(), now());
insert into onboarding_template_version (template_id, version, status, seeded, created_by, created_at, published_by, published_at)
select id, 1, 'PUBLISHED', true, 'system', now(), 'system', now() from onboarding_template;

insert into onboarding_step (version_id, position, step_key, title, guidance, owner_role, due_offset, due_unit, after_key, required, condition_languages)
select v.id, s.position, s.step_key, s.title, s.guidance, s.owner_role, s.due_offset, s.due_unit, s.after_key, s.required, cast(s.condition_languages as text[]) from (select v.id from onboarding_template_version v join onboarding_template t on t.id = v.template_id where t.region_code is null and v.version = 1) v, (values
    (1, 'welcome-call', 'Welcome call', 'Introduce yourself as the creator''s manager and agree on how you will reach each other (in-app or email).

- Walk through the **first-week plan**: profile, first stream, streaming cadence.
- Share where to get help and how fast the team answers.
- Note the creator''s goals in their profile notes.', 'CREATOR_MANAGER', 1, 'BUSINESS_DAYS', null, true, '{}'),
    (2, 'profile-setup', 'Profile and first-stream setup', 'Check the profile photo, bio and stream category together, then schedule the **first stream**.

Run a short private test stream: lighting, sound, connection.', 'CREATOR_MANAGER', 2, 'BUSINESS_DAYS', null, true, '{}'),
    (3, 'first-stream-support', 'First-stream support', 'Be online during the first stream: welcome viewers, watch for technical problems and **flag policy risks early**.

Afterwards share two things that went well and one to try next time.', 'CREATOR_MANAGER', 1, 'BUSINESS_DAYS', 'profile-setup', true, '{}'),
    (4, 'community-standards', 'Community standards briefing', 'Brief the creator on the community standards, the report process and the moderation tools they have in their room.', 'SAFETY', 3, 'BUSINESS_DAYS', null, false, '{}'),
    (5, 'content-cadence', 'Content cadence plan', 'Agree a weekly streaming schedule the creator can keep, for example three streams a week at the same local time.

Consistency is what moves **day-7 retention**.', 'CREATOR_MANAGER', 5, 'BUSINESS_DAYS', null, true, '{}'),
    (6, 'monetization-intro', 'Monetization prompts intro', 'Introduce gifts and subscriptions: when to thank gifters, how to prompt without pressure, and what the first revenue milestone takes.', 'CREATOR_MANAGER', 2, 'BUSINESS_DAYS', 'content-cadence', false, '{}'),
    (7, 'day-7-check-in', 'Day-7 check-in', 'Review the first week: streams held, viewers who came back, open questions.

Creator day-7 retention is the first KPI this playbook improves: note whether the creator is on track.', 'CREATOR_MANAGER', 7, 'DAYS', null, true, '{}'),
    (8, 'onboarding-review', 'Onboarding review', 'Review the checklist with the manager: what was skipped and why, and whether this template should change.', 'REGIONAL_LEAD', 10, 'BUSINESS_DAYS', null, false, '{}')
) as s (position, step_key, title, guidance, owner_role, due_offset, due_unit, after_key, required, condition_languages);

insert into onboarding_step (version_id, position, step_key, title, guidance, owner_role, due_offset, due_unit, after_key, required, condition_languages)
select v.id, s.position, s.step_key, s.title, s.guidance, s.owner_role, s.due_offset, s.due_unit, s.after_key, s.required, cast(s.condition_languages as text[]) from (select v.id from onboarding_template_version v join onboarding_template t on t.id = v.template_id where t.region_code = 'SEA' and v.version = 1) v, (values
    (1, 'welcome-call', 'Welcome call', 'Introduce yourself as the creator''s manager and agree on how you will reach each other (in-app or email).

- Walk through the **first-week plan**: profile, first stream, streaming cadence.
- Share where to get help and how fast the team answers.
- Note the creator''s goals in their profile notes.', 'CREATOR_MANAGER', 1, 'BUSINESS_DAYS', null, true, '{}'),
    (2, 'local-community', 'Local-language creator community intro', 'Invite the creator to the creator community group in their own language (Bahasa Indonesia, Thai, Vietnamese, Malay or Filipino) and introduce two peer creators who stream in the same category.', 'CREATOR_MANAGER', 2, 'BUSINESS_DAYS', 'welcome-call', true, '{id,th,vi,ms,fil,tl}'),
    (3, 'profile-setup', 'Profile and first-stream setup', 'Check the profile photo, bio and stream category together, then schedule the **first stream**.

Run a short private test stream: lighting, sound, connection.', 'CREATOR_MANAGER', 2, 'BUSINESS_DAYS', null, true, '{}'),
    (4, 'first-stream-support', 'First-stream support', 'Be online during the first stream: welcome viewers, watch for technical problems and **flag policy risks early**.

Afterwards share two things that went well and one to try next time.', 'CREATOR_MANAGER', 1, 'BUSINESS_DAYS', 'profile-setup', true, '{}'),
    (5, 'community-standards', 'Community standards briefing', 'Brief the creator on the community standards, the report process and the moderation tools they have in their room.', 'SAFETY', 3, 'BUSINESS_DAYS', null, false, '{}'),
    (6, 'content-cadence', 'Content cadence plan', 'Agree a weekly streaming schedule the creator can keep, for example three streams a week at the same local time.

Consistency is what moves **day-7 retention**.', 'CREATOR_MANAGER', 5, 'BUSINESS_DAYS', null, true, '{}'),
    (7, 'monetization-intro', 'Monetization prompts intro', 'Introduce gifts and subscriptions: when to thank gifters, how to prompt without pressure, and what the first revenue milestone takes.', 'CREATOR_MANAGER', 2, 'BUSINESS_DAYS', 'content-cadence', false, '{}'),
    (8, 'day-7-check-in', 'Day-7 check-in', 'Review the first week: streams held, viewers who came back, open questions.

Creator day-7 retention is the first KPI this playbook improves: note whether the creator is on track.', 'CREATOR_MANAGER', 7, 'DAYS', null, true, '{}'),
    (9, 'onboarding-review', 'Onboarding review', 'Review the checklist with the manager: what was skipped and why, and whether this template should change.', 'REGIONAL_LEAD', 10, 'BUSINESS_DAYS', null, false, '{}')
) as s (position, step_key, title, guidance, owner_role, due_offset, due_unit, after_key, required, condition_languages);
