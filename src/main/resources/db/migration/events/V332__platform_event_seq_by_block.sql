-- An append draws its batch's seqs in one call instead of one nextval per row (issue 13, half the COPY ceiling). The
-- column default made PostgreSQL run nextval for every copied row, with nextval's permission check and a catalog cache
-- reference per call: 6.7% of PostgreSQL's time in a burst, plus a share of the resource owner's hash it fed (perf,
-- docs/benchmarks.md, stop 53). Copying 1,000,000 log rows with the seqs sent took 3.59-3.97 s against 4.07-4.10 s
-- drawn row by row (stop 54).
--
-- platform_event_seq_reserve(n) announces the append, then reserves n consecutive seqs and returns the last.
-- Announcing is AppendHorizon's shared APPENDING lock (736420/1003), a transaction lock taken outside any exception
-- block, so it stays with the caller's transaction to its end; taken here, before the sequence moves, the order the
-- horizon's proof rests on (announce, then draw seqs) is the function's, not each caller's. The reservation moves the
-- sequence past n values under a session advisory lock (736420/1004) held for that moment only, so two reservations
-- never overlap. The sequence keeps no cache and its last value is still the largest seq anyone holds. A failed
-- reservation releases its session lock before its error goes on.
create function platform_event_seq_reserve(n integer) returns bigint
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

-- No default: a writer that does not reserve its seqs (a node of the previous release, which relied on this default)
-- has its rows refused, nothing stored and the sender retrying, instead of drawing seqs inside another append's block.
-- Not expand-only (docs/deployment.md, "Rolling upgrade").
alter table platform_event alter column seq drop default;
