-- Request signing: an appliance that holds a signing secret must sign every webhook request
-- (HMAC-SHA256 over the timestamp and the body). The secret is needed to verify a signature, so it
-- is stored as issued; database access is as privileged as the broker credentials.
alter table appliance add column signing_secret varchar(80);

-- Silent sources: when the appliance was found silent (null while it reports as expected).
alter table appliance add column silent_since timestamptz;

-- Which source addresses may send syslog for an appliance (an address or a CIDR block), and the
-- TLS client certificate subject it must present when syslog arrives over TLS.
create table syslog_source (
    appliance_id  varchar(64)  not null references appliance (id),
    cidr          varchar(50)  not null,
    tls_subject   varchar(500),
    primary key (appliance_id, cidr)
);

-- Input that could not be read: kept with the reason for trust administrators to look at, then purged.
create table quarantined_input (
    id              bigserial    primary key,
    received_at     timestamptz  not null,
    channel         varchar(20)  not null check (channel in ('syslog-udp', 'syslog-tcp', 'csv')),
    source_address  varchar(64),
    appliance_id    varchar(64)  references appliance (id),
    school_id       varchar(64)  references school (id),
    reason          varchar(500) not null,
    -- The start of the input, for diagnosis only; never published.
    excerpt         varchar(1024) not null
);
create index quarantined_input_school on quarantined_input (school_id, received_at desc);
create index quarantined_input_received on quarantined_input (received_at);
