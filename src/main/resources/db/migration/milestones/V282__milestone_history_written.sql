-- MilestoneHistory's listener runs at least once per announcement: a node that dies after the listener's
-- transaction committed and before the registry marked the publication complete gets it delivered again. The
-- history entry is written only by the delivery that turns this flag on, so it is written once.
alter table milestone_announcement add column history_written boolean not null default false;

update milestone_announcement a set history_written = true
where exists (select 1 from audit_log l
              where l.entity_type = 'creator' and l.entity_id = a.creator_id and l.action = 'reached milestone ' || a.code);
