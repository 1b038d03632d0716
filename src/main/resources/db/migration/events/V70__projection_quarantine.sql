-- Events a projection could not apply even alone (a poison event): kept here with the error and
-- skipped, so the projection's position moves past them and the rest of the log flows on. An admin
-- retries them after a fix; a rebuild replays them with everything else.
create table projection_quarantine (
    id              bigint generated always as identity primary key,
    projection      text not null,
    event_seq       bigint not null,
    event_id        text collate "C" not null,
    event_type      text not null,
    creator_id      text collate "C",
    occurred_at     timestamptz not null,
    error           text not null,
    first_failed_at timestamptz not null,
    last_failed_at  timestamptz not null,
    attempts        int not null,
    unique (projection, event_seq)
);
