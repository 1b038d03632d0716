-- One btree insert less per appended event (issue 13): the stream index served only the activity
-- projection's stream recomputations, which now read a stream's events by creator and event time
-- (platform_event_creator) within the span activity_stream keeps (V286).
drop index platform_event_stream;
