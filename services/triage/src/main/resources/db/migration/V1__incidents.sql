-- Incidents the school must act on, and the alerts that make them up.
create table incident (
    id             uuid         primary key,
    trust_id       varchar(64)  not null,
    school_id      varchar(64)  not null,
    category       varchar(100) not null,
    severity       varchar(20)  not null check (severity in ('low', 'medium', 'high', 'critical')),
    severity_reasons text       not null,
    status         varchar(20)  not null check (status in ('open', 'acknowledged', 'closed')),
    routed_to      varchar(40)  not null,
    subject_ref    varchar(200),
    alert_count    integer      not null,
    first_seen_at  timestamptz  not null,
    last_seen_at   timestamptz  not null,
    opened_at      timestamptz  not null
);
create index incident_school_opened on incident (trust_id, school_id, opened_at desc);

-- (appliance, source event id) is unique: the same alert delivered twice never makes a second incident.
create table incident_alert (
    alert_id         varchar(64)  primary key,
    incident_id      uuid         not null references incident (id),
    appliance_id     varchar(64)  not null,
    source_event_id  varchar(200) not null,
    source_kind      varchar(20)  not null,
    vendor           varchar(50)  not null,
    vendor_category  varchar(200) not null,
    action           varchar(20)  not null,
    url_host         varchar(255),
    occurred_at      timestamptz  not null,
    received_at      timestamptz  not null,
    constraint incident_alert_source unique (appliance_id, source_event_id)
);
create index incident_alert_incident on incident_alert (incident_id);
