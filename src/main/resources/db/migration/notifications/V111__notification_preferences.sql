-- Each user's channels per notice kind (no row: the in-app inbox only) and their own webhook URL (none: the
-- team webhook, when configured). The in-app inbox row is always written; these choose the channels on top.
create table notification_preference (
    user_id  bigint not null references app_user (id) on delete cascade,
    kind     text   not null,
    channels text[] not null,
    primary key (user_id, kind)
);

create table notification_settings (
    user_id     bigint primary key references app_user (id) on delete cascade,
    webhook_url text
);
