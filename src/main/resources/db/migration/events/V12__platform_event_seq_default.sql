-- Appends COPY the new events straight into the log; seq takes the next value as each row is written
-- (in the order of the COPY, under the append lock), so no staging table and no second write.
alter table platform_event alter column seq set default nextval('platform_event_seq');
