-- Roster text search at any size: `lower(handle) like '%term%'` (and the same on the platform id) cannot use
-- a btree, so every search read every creator. pg_trgm's GIN indexes answer a substring LIKE from the
-- trigrams of the term (a miss reads nothing). pg_trgm ships with PostgreSQL (contrib, a trusted
-- extension since 13: a database owner may create it) and with the embedded binaries.
create extension if not exists pg_trgm;
create index creator_handle_trgm on creator using gin (lower(handle) gin_trgm_ops);
create index creator_id_trgm on creator using gin (lower(creator_id) gin_trgm_ops);
