-- Communications reach a creator by email (optional) and never when the creator has opted out.
alter table creator add column email text check (email is null or length(email) between 3 and 320);
alter table creator add column comms_opt_out boolean not null default false;
