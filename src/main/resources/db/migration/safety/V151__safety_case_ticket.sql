-- The P1 ticket a case was escalated to (one per case).
alter table safety_case add column ticket_id bigint;
