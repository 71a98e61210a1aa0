-- The schools intake accepts input for, and the appliances that may send alerts for them.
create table school (
    id        varchar(64)  primary key,
    trust_id  varchar(64)  not null,
    name      varchar(200) not null
);

create table appliance (
    id            varchar(64)  primary key,
    school_id     varchar(64)  not null references school (id),
    vendor        varchar(50)  not null,
    kind          varchar(20)  not null check (kind in ('filtering', 'monitoring')),
    name          varchar(200) not null,
    -- SHA-256 (hex) of the API key: keys are 256-bit random values, so a fast hash is enough and
    -- the key itself is never stored.
    key_hash      varchar(64)  not null unique,
    created_at    timestamptz  not null default now(),
    revoked_at    timestamptz
);
create index appliance_school on appliance (school_id);
