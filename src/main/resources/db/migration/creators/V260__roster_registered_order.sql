-- The roster sorted by registration (sort=registered / -registered) reads one page of an index instead of
-- sorting every creator: the page's order is `registered_at <asc|desc> nulls last, id`, one index per direction.
create index creator_registered_order on creator (registered_at asc nulls last, id);
create index creator_registered_desc_order on creator (registered_at desc nulls last, id);
