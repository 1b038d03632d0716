-- The durable outbox: every message that leaves Greenroom (email, outbound webhook, the platform's in-app
-- webhook) is a row here, written in the transaction of the change that caused it. dedup_key names the
-- event: a repeat is the same row, so one event is never queued twice.
-- A worker claims one due QUEUED row at a time (FOR UPDATE SKIP LOCKED), marks it SENDING with a fresh
-- claim token and commits before it sends; the result is recorded against that token. A row left SENDING
-- past the sending timeout (its node died mid-send) becomes FAILED "outcome unknown": never re-sent
-- automatically, retried only by an admin.
create table outbox_message (
    id              bigserial primary key,
    channel         text        not null check (channel in ('EMAIL', 'WEBHOOK', 'PLATFORM')),
    recipient       text        not null,
    subject         text        not null,
    body            text,
    dedup_key       text        not null unique,
    source          text,
    status          text        not null default 'QUEUED' check (status in ('QUEUED', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claim_token     uuid,
    claimed_at      timestamptz,
    claimed_by      text,
    failure         text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);

-- workers read only the head of this index: the cost of a claim does not grow with the history
create index outbox_due on outbox_message (next_attempt_at, id) where status = 'QUEUED';
create index outbox_sending on outbox_message (claimed_at) where status = 'SENDING';
create index outbox_status on outbox_message (status, id desc);
