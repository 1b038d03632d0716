-- Snoozing or rescheduling a task keeps the reason beside the new due time (the audit keeps the history).
alter table task add column reschedule_reason text check (length(reschedule_reason) <= 2000);
