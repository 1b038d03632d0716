-- Regions: the unit of ownership and scoping. Each country maps to at most one region.
create table region (
    code        text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
    name        text not null check (length(name) between 1 and 100),
    time_zone   text not null,
    created_at  timestamptz not null default now()
);

create table region_country (
    country     char(2) primary key check (country ~ '^[A-Z]{2}$'),
    region_code text not null references region (code) on update cascade
);
create index region_country_region on region_country (region_code);

create table app_user (
    id            bigserial primary key,
    username      text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name  text not null,
    email         text,
    password_hash text,
    roles         text[] not null default '{}',
    enabled       boolean not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table user_region (
    user_id     bigint not null references app_user (id) on delete cascade,
    region_code text not null references region (code) on update cascade,
    primary key (user_id, region_code)
);
create index user_region_region on user_region (region_code);

-- API tokens are stored as SHA-256 of a 256-bit random secret; only a short prefix is kept for display.
create table api_token (
    id           bigserial primary key,
    user_id      bigint not null references app_user (id) on delete cascade,
    name         text not null,
    kind         text not null check (kind in ('PERSONAL', 'INTEGRATION')),
    token_hash   bytea not null unique,
    prefix       text not null,
    created_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);

insert into region (code, name, time_zone) values
    ('NA',    'North America',        'America/New_York'),
    ('LATAM', 'Latin America',        'America/Sao_Paulo'),
    ('EU',    'Europe & CIS',         'Europe/Berlin'),
    ('MENA',  'Middle East & North Africa', 'Asia/Dubai'),
    ('SSA',   'Sub-Saharan Africa',   'Africa/Lagos'),
    ('SA',    'South & Central Asia', 'Asia/Kolkata'),
    ('SEA',   'Southeast Asia',       'Asia/Singapore'),
    ('EA',    'East Asia',            'Asia/Tokyo'),
    ('OC',    'Oceania',              'Australia/Sydney');

insert into region_country (country, region_code)
select c, 'NA' from unnest(array['US','CA','BM','GL']) c
union all select c, 'LATAM' from unnest(array['MX','BR','AR','CO','CL','PE','VE','EC','GT','CU','BO','DO','HN','PY','SV','NI','CR','PA','UY','PR','JM','TT','BZ','GY','SR','HT','BS','BB','LC','VC','GD','AG','DM','KN','AW','CW']) c
union all select c, 'EU' from unnest(array['GB','IE','FR','DE','ES','PT','IT','NL','BE','LU','CH','AT','LI','MC','AD','SM','VA','DK','SE','NO','FI','IS','PL','CZ','SK','HU','RO','BG','GR','HR','SI','RS','BA','ME','MK','AL','XK','EE','LV','LT','UA','BY','MD','CY','MT','RU','GE','AM','AZ','KZ','UZ','KG','TJ','TM']) c
union all select c, 'MENA' from unnest(array['AE','SA','QA','KW','BH','OM','YE','IQ','IR','JO','LB','SY','IL','PS','EG','LY','TN','DZ','MA','TR','SD','MR']) c
union all select c, 'SSA' from unnest(array['NG','GH','KE','ZA','ET','TZ','UG','RW','SN','CI','CM','AO','MZ','ZM','ZW','BW','NA','MG','ML','BF','NE','TD','CD','CG','GA','BJ','TG','SL','LR','GN','GW','GM','MW','SO','ER','DJ','MU','SC','CV','LS','SZ','BI','SS','CF','GQ','ST','KM']) c
union all select c, 'SA' from unnest(array['IN','PK','BD','LK','NP','BT','MV','AF']) c
union all select c, 'SEA' from unnest(array['SG','MY','ID','TH','VN','PH','MM','KH','LA','BN','TL']) c
union all select c, 'EA' from unnest(array['JP','KR','CN','TW','HK','MO','MN']) c
union all select c, 'OC' from unnest(array['AU','NZ','FJ','PG','SB','VU','WS','TO','KI','FM','MH','PW','NR','TV']) c;
