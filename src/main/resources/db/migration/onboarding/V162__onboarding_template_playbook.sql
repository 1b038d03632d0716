-- The playbook (SOP) an onboarding template follows, by key: its pages link to the reader's current guidance.
alter table onboarding_template add column playbook_key text check (playbook_key ~ '^[a-z0-9][a-z0-9-]{1,59}$');
update onboarding_template set playbook_key = 'creator-onboarding' where seeded;
