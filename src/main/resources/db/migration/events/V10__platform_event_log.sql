-- The raw platform event log: append-only, partitioned by UTC day of event time so retention drops
-- whole days. seq is the arrival order that projections resume from; appends are serialized by an
-- advisory lock so seq order equals commit order. Platform ids are opaque: byte order ("C") keeps
-- their indexes cheap to maintain.
create sequence platform_event_seq as bigint;

create table platform_event (
    seq             bigint not null,
    event_id        text collate "C" not null,
    type            text not null,
    occurred_at     timestamptz not null,
    creator_id      text collate "C" not null,
    stream_id       text collate "C",
    viewer_id       text collate "C",
    amount_value    numeric,
    amount_currency text,
    amount_usd      numeric,
    attributes      jsonb,
    received_at     timestamptz not null
) partition by range (occurred_at);

-- Day partitions (platform_event_pYYYYMMDD) are created on demand before a batch is written.
create index platform_event_creator on platform_event (creator_id, occurred_at, seq);
create index platform_event_stream on platform_event (stream_id, occurred_at, seq) where stream_id is not null;
create index platform_event_arrival on platform_event (seq);

-- The idempotency keys of every retained event, unique across all day partitions. Retention deletes
-- a day's ids together with its partition.
create table platform_event_id (
    event_id text collate "C" primary key
);
