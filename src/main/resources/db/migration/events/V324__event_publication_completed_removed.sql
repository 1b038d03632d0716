-- Completed publications are now deleted on completion (spring.modulith.events.completion-mode: delete); the ones
-- kept before, with their completion date, are removed once. Nothing reads a completed publication.
DELETE FROM event_publication WHERE completion_date IS NOT NULL;
