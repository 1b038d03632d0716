-- How far each projection has consumed the event log (the last applied seq). Nodes claim a
-- projection by locking its row (select ... for update skip locked), so one node runs it at a time.
create table projection_position (
    name       text primary key,
    position   bigint not null default 0,
    updated_at timestamptz
);
