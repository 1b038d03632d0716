-- The reservation of V332 also announces the append (stop 54): it takes the append's shared APPENDING lock itself,
-- before it moves the sequence, so the order AppendHorizon's proof rests on (announce, then draw seqs) is the
-- function's, not each caller's, and an append sends one statement fewer than with V332 alone. The lock is a
-- transaction lock taken outside any exception block, so it stays with the caller's transaction to its end, as the
-- statement of its own did.
create or replace function platform_event_seq_reserve(n integer) returns bigint
language plpgsql as $$
declare
    last_seq bigint;
begin
    if n is null or n < 1 then
        raise exception 'platform_event_seq_reserve: n must be at least 1, was %', n using errcode = '22023';
    end if;
    perform pg_advisory_xact_lock_shared(736420, 1003);
    perform pg_advisory_lock(736420, 1004);
    begin
        last_seq := setval('platform_event_seq', nextval('platform_event_seq') + n - 1);
    exception when others or query_canceled then
        perform pg_advisory_unlock(736420, 1004);
        raise;
    end;
    perform pg_advisory_unlock(736420, 1004);
    return last_seq;
end
$$;
