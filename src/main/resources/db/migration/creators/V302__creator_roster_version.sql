-- A version of who is on the roster, with which handle and region, for readers that keep a copy of it (the activity
-- module's live board). It moves in every transaction that adds or removes creators or sets a handle or region, in
-- the same transaction, so a reader that reads the version and then the roster sees at least that version.
-- The roster projection moves it itself (CreatorRegistrations.fromTheLog, greenroom.roster_from_log set for its
-- transaction): once per batch with a registration, before writing, and not for a batch of placeholders only (no
-- region, the creator id for handle: what a reader shows for a creator not on the roster). Moving it once per transaction (last_txid)
-- keeps a transaction of many statements to one new row version, and locking it before any creator row (a trigger
-- BEFORE each statement) keeps two writers from waiting on each other in opposite orders.
create table creator_roster_version (
    id        boolean primary key default true check (id),
    version   bigint not null,
    last_txid bigint
);
insert into creator_roster_version (id, version) values (true, 0);

create function creator_roster_changed() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('greenroom.roster_from_log', true), '') <> 'on' then
        update creator_roster_version set version = version + 1, last_txid = txid_current()
        where id and last_txid is distinct from txid_current();
    end if;
    return null;
end
$$;

create trigger creator_roster_changed
    before insert or delete or truncate or update of handle, region_code on creator
    for each statement execute function creator_roster_changed();
