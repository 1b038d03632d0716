-- Activity: derived from the platform event log by the activity projection; a rebuild drops and recomputes all of it.

-- Per creator: the time zone its creator days are counted in (and where it came from), and lifetime totals.
create table activity_creator (
    creator_id               text primary key,
    time_zone                text not null,
    zone_source              text not null check (zone_source in ('REGISTRATION', 'ROSTER', 'DEFAULT')),
    registration_at          timestamptz,
    registration_event_id    text,
    active_days              int not null default 0,
    streams                  int not null default 0,
    live_seconds             bigint not null default 0,
    unique_viewers           int not null default 0,
    retained_viewers         int not null default 0,
    peak_concurrent_viewers  int not null default 0,
    gifts                    int not null default 0,
    gift_revenue_usd         numeric(20, 6) not null default 0,
    subscriptions            int not null default 0,
    subscription_revenue_usd numeric(20, 6) not null default 0,
    follows                  int not null default 0,
    reports                  int not null default 0,
    first_day                date,
    last_day                 date
);

-- One row per creator day with any activity; days with nothing are absent.
create table activity_creator_day (
    creator_id               text not null,
    day                      date not null,
    active                   boolean not null,
    streams                  int not null,
    live_seconds             bigint not null,
    unique_viewers           int not null,
    peak_concurrent_viewers  int not null,
    gifts                    int not null,
    gift_revenue_usd         numeric(20, 6) not null,
    subscriptions            int not null,
    subscription_revenue_usd numeric(20, 6) not null,
    follows                  int not null,
    reports                  int not null,
    primary key (creator_id, day)
);

-- Who joined a creator's streams on which creator day: unique and retained viewers come from here.
create table activity_viewer_day (
    creator_id      text not null,
    day             date not null,
    viewer_id       text not null,
    first_joined_at timestamptz not null,
    primary key (creator_id, day, viewer_id)
);
create index activity_viewer_day_viewer on activity_viewer_day (creator_id, viewer_id, day);

-- Every stream seen; live rooms are the started ones without an end that are not silent.
create table activity_stream (
    stream_id        text primary key,
    creator_id       text not null,
    started_at       timestamptz,
    ended_at         timestamptz,
    last_event_at    timestamptz not null,
    title            text,
    category         text,
    current_viewers  int not null,
    peak_viewers     int not null,
    reports          int not null,
    gift_revenue_usd numeric(20, 6) not null
);
create index activity_stream_creator on activity_stream (creator_id, started_at);
create index activity_stream_open on activity_stream (last_event_at) where ended_at is null and started_at is not null;

-- Gifts per stream, for "revenue in the last hour" of live rooms.
create table activity_stream_gift (
    stream_id   text not null,
    event_id    text not null,
    occurred_at timestamptz not null,
    usd         numeric(20, 6) not null,
    primary key (stream_id, event_id)
);
create index activity_stream_gift_time on activity_stream_gift (stream_id, occurred_at);
