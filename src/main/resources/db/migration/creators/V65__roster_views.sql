-- Saved roster views: per user, a name and the roster's query string (filters, sort, columns). Applied
-- through the same region scope as any roster request, so a view never shows more than its owner may see.
create table roster_view (
    id         bigserial primary key,
    user_id    bigint not null references app_user (id) on delete cascade,
    name       text not null check (length(name) between 1 and 60),
    query      text not null check (length(query) <= 2000),
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create unique index roster_view_user_name on roster_view (user_id, lower(name));
