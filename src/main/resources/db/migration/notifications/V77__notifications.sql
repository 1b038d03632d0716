-- The in-app inbox: one row per notice to one user; dedup_key makes a repeated notice for one event a no-op.
create table notification (
    id         bigserial primary key,
    user_id    bigint      not null references app_user (id) on delete cascade,
    kind       text        not null,
    subject    text        not null,
    body       text,
    link       text,
    dedup_key  text        not null,
    created_at timestamptz not null,
    read_at    timestamptz,
    unique (user_id, dedup_key)
);

create index notification_inbox on notification (user_id, created_at desc);
create index notification_unread on notification (user_id) where read_at is null;
