-- Console sessions remember the epoch they signed in under; a password change or disabling the user
-- moves it on, which ends every open session of that user on their next request.
alter table app_user add column session_epoch bigint not null default 0;
