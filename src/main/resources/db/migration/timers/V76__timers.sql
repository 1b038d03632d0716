-- One durable timer per unique key: "do X once at instant T". A runner on every node claims due rows with
-- FOR UPDATE SKIP LOCKED and fires each inside the claiming transaction, so a timer's effects commit once.
create table timer (
    id         bigserial primary key,
    kind       text        not null,
    timer_key  text        not null unique,
    due_at     timestamptz not null,
    payload    text,
    status     text        not null default 'PENDING' check (status in ('PENDING', 'FIRED', 'FAILED', 'CANCELLED')),
    attempts   integer     not null default 0,
    last_error text,
    created_at timestamptz not null,
    fired_at   timestamptz
);

-- the runner reads only the head of this index: its cost does not grow with the number of pending timers
create index timer_due on timer (due_at) where status = 'PENDING';
create index timer_kind_status on timer (kind, status);
