-- The roster's text search in handle order when the text has no uncommon trigram (issue 13, stop 37). For `q=creator4`,
-- where one handle in nine matches and the matches cluster in handle order (creator4, creator40..., creator49999), a page
-- either walked the handle index from the start, testing every handle before the first match (33,334 at 100,000
-- creators), or read every match from the trigram index and sorted them: both grow with the roster. This table holds each
-- handle's trigrams (every three characters of lower(handle), as they stand) in handle order, so a search walks the list of
-- its text's least common trigram in the page's order and stops at the page's end (Roster, SubstringSearch.Pattern#rarest).
-- Kept by the triggers below in the transaction that changes a handle; nothing else writes it.
create table creator_handle_trigram (
    trigram     text   not null,
    handle_key  text   not null,
    creator_ref bigint not null,
    primary key (trigram, handle_key, creator_ref)
);

-- every three characters of a lowered handle, each once
create function creator_handle_trigrams_of(handle text) returns setof text language sql immutable parallel safe as $$
    select distinct substr(lower(handle), k, 3) from generate_series(1, char_length(lower(handle)) - 2) k
$$;

create function creator_handle_trigrams_added() returns trigger language plpgsql as $$
begin
    insert into creator_handle_trigram (trigram, handle_key, creator_ref)
    select t, lower(a.handle), a.id from added a cross join lateral creator_handle_trigrams_of(a.handle) t;
    return null;
end
$$;

create function creator_handle_trigrams_removed() returns trigger language plpgsql as $$
begin
    delete from creator_handle_trigram t
    using removed r cross join lateral creator_handle_trigrams_of(r.handle) g
    where t.trigram = g and t.handle_key = lower(r.handle) and t.creator_ref = r.id;
    return null;
end
$$;

-- a creator whose lowered handle changed: its old handle's rows out, the new one's in (a row trigger that fires for a
-- handle change alone; a statement trigger's transition tables would be joined on every update of the table)
create function creator_handle_trigrams_changed() returns trigger language plpgsql as $$
begin
    delete from creator_handle_trigram t
    where t.handle_key = lower(old.handle) and t.creator_ref = old.id and t.trigram in (select creator_handle_trigrams_of(old.handle));
    insert into creator_handle_trigram (trigram, handle_key, creator_ref)
    select t, lower(new.handle), new.id from creator_handle_trigrams_of(new.handle) t;
    return null;
end
$$;

create function creator_handle_trigrams_truncated() returns trigger language plpgsql as $$
begin
    truncate creator_handle_trigram;
    return null;
end
$$;

create trigger creator_handle_trigrams_added after insert on creator
    referencing new table as added for each statement execute function creator_handle_trigrams_added();
create trigger creator_handle_trigrams_removed after delete on creator
    referencing old table as removed for each statement execute function creator_handle_trigrams_removed();
create trigger creator_handle_trigrams_changed after update of handle on creator
    for each row when (lower(old.handle) is distinct from lower(new.handle)) execute function creator_handle_trigrams_changed();
create trigger creator_handle_trigrams_truncated after truncate on creator
    for each statement execute function creator_handle_trigrams_truncated();

insert into creator_handle_trigram (trigram, handle_key, creator_ref)
select t, lower(c.handle), c.id from creator c cross join lateral creator_handle_trigrams_of(c.handle) t;
analyze creator_handle_trigram;
