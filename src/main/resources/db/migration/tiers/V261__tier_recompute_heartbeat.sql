-- A recompute job whose node died must not stay RUNNING (or QUEUED) forever: the node running a job beats
-- its heartbeat every few seconds; a job whose heartbeat is older than the stale-after (2 minutes) is marked
-- INTERRUPTED, with its unfinished regions, the next time anyone reads or starts a job.
alter table tier_recompute_job add column heartbeat_at timestamptz;
update tier_recompute_job set heartbeat_at = coalesce(finished_at, started_at, requested_at);
alter table tier_recompute_job alter column heartbeat_at set not null;
alter table tier_recompute_job drop constraint tier_recompute_job_status_check;
alter table tier_recompute_job add constraint tier_recompute_job_status_check
    check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'));
alter table tier_recompute_region drop constraint tier_recompute_region_status_check;
alter table tier_recompute_region add constraint tier_recompute_region_status_check
    check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'INTERRUPTED'));
create index tier_recompute_job_unfinished on tier_recompute_job (heartbeat_at) where status in ('QUEUED', 'RUNNING');
