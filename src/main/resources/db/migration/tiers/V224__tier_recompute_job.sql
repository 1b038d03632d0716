-- Tier recomputation on demand runs as a job off the request thread: the request records the job and its
-- regions (in order) and answers 202; a runner computes region after region, each in its own transaction,
-- so the job resource shows progress per region while it runs.
create table tier_recompute_job (
    id           bigserial primary key,
    requested_by text not null,
    requested_at timestamptz not null,
    as_of        timestamptz not null,
    status       text not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    started_at   timestamptz,
    finished_at  timestamptz
);

create table tier_recompute_region (
    job_id      bigint not null references tier_recompute_job (id) on delete cascade,
    region_code text not null,
    position    int not null,
    status      text not null check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    creators    int,
    counts      jsonb,
    started_at  timestamptz,
    finished_at timestamptz,
    error       text,
    primary key (job_id, region_code)
);
