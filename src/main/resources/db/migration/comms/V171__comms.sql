-- Communications: message templates (per locale, immutable numbered versions: the latest of a locale is
-- current), sends to one creator or a segment, and one row per recipient. Delivery goes through the
-- notifications outbox; a recipient keeps the outbox message id its status is read from.

-- The language a region's creators fall back to when a template has no variant in their own language.
create table comms_region_language (
    region_code text primary key references region (code) on update cascade on delete cascade,
    language    text not null
);
insert into comms_region_language (region_code, language) values
    ('NA', 'en'), ('LATAM', 'es'), ('EU', 'en'), ('MENA', 'ar'), ('SSA', 'en'), ('SA', 'hi'), ('SEA', 'id'), ('EA', 'ja'), ('OC', 'en');

create table comms_template (
    id           bigserial primary key,
    template_key text not null unique check (template_key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
    purpose      text not null default '' check (length(purpose) <= 500),
    channel      text not null check (channel in ('EMAIL', 'IN_APP')),
    created_by   text not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- Every save of a locale's subject and body is a new version (numbered per template); versions never change.
create table comms_template_version (
    id          bigserial primary key,
    template_id bigint not null references comms_template (id) on delete cascade,
    version     int not null check (version >= 1),
    locale      text not null check (length(locale) between 2 and 35),
    subject     text not null check (length(subject) between 1 and 300),
    body        text not null check (length(body) between 1 and 20000),
    created_by  text not null,
    created_at  timestamptz not null,
    unique (template_id, version)
);
create index comms_template_version_locale on comms_template_version (template_id, lower(locale), version desc);

-- A send: one request (by a person, or by a support action or onboarding step) with its idempotency key.
-- The same requester repeating a key gets the same send back.
create table comms_send (
    id              bigserial primary key,
    template_id     bigint not null references comms_template (id),
    channel         text not null check (channel in ('EMAIL', 'IN_APP')),
    idempotency_key text not null check (length(idempotency_key) between 1 and 200),
    requester_id    bigint references app_user (id),
    requested_by    text not null,
    source          text not null,
    source_ref      text,
    audience        text not null,
    locale          text,
    created_at      timestamptz not null
);
create unique index comms_send_idempotency on comms_send (coalesce(requester_id, 0), idempotency_key);

-- PENDING: waiting for the channel's rate limit; QUEUED: handed to the outbox (its status is the outbox's);
-- SKIPPED: never sent, with the reason (opted out, no email, no variant in the creator's language).
create table comms_send_recipient (
    send_id     bigint not null references comms_send (id) on delete cascade,
    creator_id  text not null,
    region_code text not null,
    status      text not null check (status in ('PENDING', 'QUEUED', 'SKIPPED')),
    reason      text,
    locale      text,
    version     int,
    address     text,
    subject     text,
    body        text,
    outbox_id   bigint,
    queued_at   timestamptz,
    primary key (send_id, creator_id)
);
create index comms_send_recipient_creator on comms_send_recipient (creator_id, send_id desc);
create index comms_send_recipient_pending on comms_send_recipient (send_id) where status = 'PENDING';
