-- The daily tier runs are durable timers now (kind tiers-daily, one key per region and local date): the
-- claim table of the old polling job is no longer read or written.
drop table tier_run;
