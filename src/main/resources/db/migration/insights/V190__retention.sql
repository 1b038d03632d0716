-- Retention rollups, maintained incrementally (never a scan of raw events per request).

-- Per registered creator: its cohort day (the creator day of creator.registered) and the day numbers
-- (0 = cohort day) on which it was active, kept by a listener on the activity projection's recomputations.
create table retention_creator (
    creator_id     text primary key,
    cohort_day     date not null,
    time_zone      text not null,
    active_offsets int[] not null,
    last_offset    int
);
create index retention_creator_cohort on retention_creator (cohort_day);

-- Cohort days whose cube rows are out of date; the refresher recomputes and deletes them.
create table retention_dirty (
    cohort_day date primary key
);

-- Per cohort day and segment (time zone, region, country, manager, onboarding template version, first tier):
-- the size and, per day number i, active[i + 1] = creators active on day i, survived[i + 1] = active on day i
-- or later. One zone per row: its creators' day i ends at one instant, which decides whether they are eligible.
create table retention_cube (
    cohort_day       date not null,
    time_zone        text not null,
    region_code      text,
    country          text,
    manager_id       bigint,
    template_id      bigint,
    template_version int,
    tier             text,
    size             int not null,
    active           int[] not null,
    survived         int[] not null
);
create index retention_cube_day on retention_cube (cohort_day);
