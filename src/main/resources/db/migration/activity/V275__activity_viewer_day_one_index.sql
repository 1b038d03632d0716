-- activity_viewer_day takes a row per viewer and creator day (about 0.4 per event at ingest speed); its second
-- index (creator_id, viewer_id, day) doubled the index writes of every new row. Readers filter on creator_id
-- (and day), which the primary key (creator_id, day, viewer_id) serves; unique and retained viewers per
-- creator come from activity_creator_viewer since V230.
drop index if exists activity_viewer_day_viewer;
