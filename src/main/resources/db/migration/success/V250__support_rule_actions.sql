-- What a support rule does when it fires: create a task (as before), open a ticket, or send a message
-- template; any of them may name the playbook whose current guidance the work follows. A task's owner and
-- due offset only apply to TASK rules. A firing remembers the ticket or send it made next to its task.
alter table success_rule
    add column action          text not null default 'TASK' check (action in ('TASK', 'TICKET', 'MESSAGE')),
    add column ticket_priority text check (ticket_priority in ('P1', 'P2', 'P3')),
    add column ticket_category text check (length(ticket_category) between 1 and 100),
    add column template_key    text check (length(template_key) between 1 and 100),
    add column playbook_key    text check (playbook_key ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
    alter column owner drop not null,
    alter column due_offset drop not null,
    alter column due_unit drop not null;
alter table success_rule
    add constraint success_rule_action_fields check (
        (action <> 'TASK' or (owner is not null and due_offset is not null and due_unit is not null))
        and ((action = 'TICKET') = (ticket_priority is not null))
        and ((action = 'MESSAGE') = (template_key is not null)));

alter table success_firing
    add column ticket_id bigint,
    add column send_id   bigint;
