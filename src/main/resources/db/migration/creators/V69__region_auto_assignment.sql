-- Auto-assignment of unmanaged new creators, per region: OFF (no row means OFF too), ROUND_ROBIN over the
-- region's enabled creator managers (last_manager_id is where the turn stands), or LEAST_LOADED (fewest
-- managed active creators). Set by admins and the region's leads; every change is audited.
create table region_auto_assignment (
    region_code     text primary key references region (code) on update cascade on delete cascade,
    mode            text not null check (mode in ('OFF', 'ROUND_ROBIN', 'LEAST_LOADED')),
    last_manager_id bigint,
    updated_at      timestamptz not null
);
