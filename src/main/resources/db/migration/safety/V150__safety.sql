-- Trust & safety: the policy taxonomy, the platform's report categories mapped onto it, and policy-risk cases
-- (grouped reports and manual flags, notes, enforcement actions).

create table safety_category (
    code        text primary key,
    name        text not null,
    description text not null,
    severity    text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    guidance    text not null,
    position    int not null,
    updated_at  timestamptz not null
);

-- A platform report.filed category code (lower case) and the policy category it counts toward.
create table safety_report_category (
    report_category text primary key,
    category_code   text not null references safety_category (code),
    updated_at      timestamptz not null
);

create table safety_case (
    id               bigint generated always as identity primary key,
    creator_id       text not null,
    category_code    text not null references safety_category (code),
    status           text not null check (status in ('NEW', 'TRIAGING', 'ACTIONED', 'CLEARED')),
    severity         text not null check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    report_count     int not null,
    opened_at        timestamptz not null,
    last_report_at   timestamptz not null,
    stream_id        text,
    assignee_user_id bigint,
    first_action_at  timestamptz,
    closed_at        timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index safety_case_open_by_creator on safety_case (creator_id, category_code) where status in ('NEW', 'TRIAGING');
create index safety_case_open_age on safety_case (opened_at) where status in ('NEW', 'TRIAGING');
create index safety_case_creator on safety_case (creator_id);
create index safety_case_first_action on safety_case (first_action_at) where first_action_at is not null;

-- One report: a platform report.filed event (event_id) or a person's manual flag (flagged_by).
create table safety_report (
    id              bigint generated always as identity primary key,
    case_id         bigint not null references safety_case (id),
    event_id        text unique,
    creator_id      text not null,
    report_category text,
    stream_id       text,
    reporter        text,
    note            text,
    occurred_at     timestamptz not null,
    flagged_by      text,
    created_at      timestamptz not null
);
create index safety_report_case on safety_report (case_id, occurred_at);

create table safety_case_note (
    id         bigint generated always as identity primary key,
    case_id    bigint not null references safety_case (id),
    body       text not null,
    author     text not null,
    created_at timestamptz not null
);
create index safety_case_note_case on safety_case_note (case_id, created_at);

create table safety_action (
    id         bigint generated always as identity primary key,
    case_id    bigint not null references safety_case (id),
    kind       text not null check (kind in ('WARNING', 'STREAM_ENDED', 'FEATURE_LIMIT', 'SUSPENSION', 'CLEARED')),
    reason     text not null,
    actor      text not null,
    actor_name text not null,
    created_at timestamptz not null
);
create index safety_action_case on safety_action (case_id, created_at);

insert into safety_category (code, name, description, severity, guidance, position, updated_at) values
    ('child-safety', 'Child safety',
     'Content or conduct that sexualises, endangers or exploits minors, or a minor streaming without the required safeguards.',
     'CRITICAL',
     'Act at once: end the stream, suspend, preserve the evidence and escalate to the legal reporting channel. Never warn only.', 1,
     '2026-01-01T00:00:00Z'),
    ('suicide-self-injury', 'Suicide and self-injury',
     'Content that promotes, encourages or shows suicide or self-injury, or a creator who appears at risk.',
     'CRITICAL',
     'End the stream if the creator is at risk and share support resources; escalate to the wellbeing contact. Enforce only against promotion, never against a person asking for help.', 2,
     '2026-01-01T00:00:00Z'),
    ('violence-incitement', 'Violence and incitement',
     'Threats, calls to violence, or celebration of violence against people or groups.',
     'HIGH',
     'Credible threats: end the stream and suspend. Aggressive language without a target: warning first, feature limit on repeat.', 3,
     '2026-01-01T00:00:00Z'),
    ('hate-speech', 'Hate speech',
     'Attacks on people based on protected characteristics such as ethnicity, religion, gender, sexual orientation or disability.',
     'HIGH',
     'Direct attacks: end the stream, feature limit; repeated: suspension. Quoting to condemn or educate is allowed.', 4,
     '2026-01-01T00:00:00Z'),
    ('bullying-harassment', 'Bullying and harassment',
     'Targeting a person (a viewer, another creator) with insults, degradation or unwanted contact.',
     'MEDIUM',
     'First time: warning with the rule quoted. Repeated against the same person: feature limit on chat and co-hosting.', 5,
     '2026-01-01T00:00:00Z'),
    ('adult-nudity', 'Adult nudity and sexual activity',
     'Nudity or sexual activity, or sexual solicitation, in a stream or profile.',
     'MEDIUM',
     'Explicit content: end the stream. Suggestive content: warning. Solicitation: suspension.', 6,
     '2026-01-01T00:00:00Z'),
    ('fraud-scams', 'Fraud and scams',
     'Deceiving viewers for money: fake giveaways, gift-for-reward promises never kept, phishing links, account selling.',
     'MEDIUM',
     'Confirm with the gift records; refund-worthy cases go to payments. Warning for misleading prompts, suspension for scams.', 7,
     '2026-01-01T00:00:00Z'),
    ('intellectual-property', 'Intellectual property',
     'Streaming films, matches, music or other works the creator has no right to broadcast.',
     'LOW',
     'Warning and a note to the creator manager on licensed alternatives; end the stream while a live match or film plays.', 8,
     '2026-01-01T00:00:00Z'),
    ('spam', 'Spam',
     'Repetitive, misleading or automated content and begging for gifts in a way that degrades the room.',
     'LOW',
     'Warning first; coach monetization prompts through the creator manager. Feature limit only for automation.', 9,
     '2026-01-01T00:00:00Z'),
    ('other', 'Other or unclassified',
     'Reports whose platform category is not mapped to a policy area yet.',
     'LOW',
     'Read the reports, then map the platform category to its policy area under Taxonomy so later reports are grouped right.', 10,
     '2026-01-01T00:00:00Z');

insert into safety_report_category (report_category, category_code, updated_at) values
    ('minor_safety', 'child-safety', '2026-01-01T00:00:00Z'),
    ('self_harm', 'suicide-self-injury', '2026-01-01T00:00:00Z'),
    ('violence', 'violence-incitement', '2026-01-01T00:00:00Z'),
    ('hate_speech', 'hate-speech', '2026-01-01T00:00:00Z'),
    ('harassment', 'bullying-harassment', '2026-01-01T00:00:00Z'),
    ('nudity', 'adult-nudity', '2026-01-01T00:00:00Z'),
    ('scam', 'fraud-scams', '2026-01-01T00:00:00Z'),
    ('copyright', 'intellectual-property', '2026-01-01T00:00:00Z'),
    ('spam', 'spam', '2026-01-01T00:00:00Z');
