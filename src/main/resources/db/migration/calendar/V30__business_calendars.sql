-- Business calendars per region: which weekdays are worked, and holidays. A region without a row works
-- Monday to Friday with no holidays. Weekdays are ISO numbers (1 = Monday ... 7 = Sunday).
create table business_calendar (
    region_code  text primary key references region (code) on update cascade on delete cascade,
    working_days smallint[] not null check (cardinality(working_days) between 1 and 7),
    updated_at   timestamptz not null
);

create table business_holiday (
    region_code text not null references region (code) on update cascade on delete cascade,
    holiday     date not null,
    name        text not null default '' check (length(name) <= 100),
    primary key (region_code, holiday)
);
