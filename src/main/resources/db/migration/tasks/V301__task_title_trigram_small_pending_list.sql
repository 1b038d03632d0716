-- The task insert (issue 13, tasks9). Without a pending list (V289) every new or updated task row writes each trigram of
-- its title straight into the GIN index: ~34 WAL records and ~5 KB of WAL per row, against ~1 record and ~100 bytes for
-- each btree of the table, and about 40% of the insert's PostgreSQL CPU. Tasks are written often (the success rules, the
-- routines, every claim, completion and reschedule), so their title index gets the smallest pending list PostgreSQL allows
-- (64 kB, about a hundred rows): entries are appended there and merged in sorted batches when it fills (or by vacuum), and a
-- search scans at most those 64 kB (V289's slow searches scanned a 4 MB list of 100,000 rows). The roster's trigram
-- indexes keep V289's setting: creators are written rarely.
alter index task_title_trgm set (fastupdate = on, gin_pending_list_limit = 64);
