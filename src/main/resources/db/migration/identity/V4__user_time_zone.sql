-- A person's own IANA time zone: "today" and due times are shown in it. Null: their first region's zone.
alter table app_user add column time_zone text;
