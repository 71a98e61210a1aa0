-- The appliance registry: how often each appliance is expected to report, when it last did, and a
-- short, non-secret prefix of its key so an administrator can tell keys apart.
alter table appliance add column expected_heartbeat_seconds integer not null default 900
    check (expected_heartbeat_seconds between 60 and 604800);
alter table appliance add column last_seen_at timestamptz;
alter table appliance add column key_prefix varchar(12) not null default '';
alter table appliance add column key_issued_at timestamptz not null default now();
