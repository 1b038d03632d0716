-- A step may send a message template to the creator when it opens (once per checklist and step).
alter table onboarding_step add column template_key text check (length(template_key) between 1 and 100);
