-- Working hours per region and weekday (ISO 1 = Monday ... 7 = Sunday), in local minutes of the day
-- [from_minute, to_minute); 1440 is 24:00. A working weekday without rows works 09:00 to 17:00.
create table business_hours (
    region_code text not null references region (code) on update cascade on delete cascade,
    weekday     smallint not null check (weekday between 1 and 7),
    from_minute integer not null check (from_minute between 0 and 1439),
    to_minute   integer not null check (to_minute between 1 and 1440 and to_minute > from_minute),
    primary key (region_code, weekday, from_minute)
);
