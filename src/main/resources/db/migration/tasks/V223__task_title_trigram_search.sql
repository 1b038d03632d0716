-- Today's and the API's text search (q) at volume: a trigram index on the task title, so `lower(title) like
-- '%term%'` is an index lookup; the creator-handle arm uses the roster's trigram index (V220).
create index task_title_trgm on task using gin (lower(title) gin_trgm_ops);
