-- Policy categories, correlation, routing and concerns.
alter table incident add column correlation_key varchar(300);
update incident set correlation_key = 'incident:' || id where correlation_key is null;
alter table incident alter column correlation_key set not null;
alter table incident add column mapping_basis varchar(300) not null default '';
alter table incident add column also_routed_to varchar(200) not null default '';
-- Only the routed roles may see a restricted incident (concerns about staff).
alter table incident add column restricted boolean not null default false;
alter table incident add column required_steps text not null default '';
alter table incident add column person_id varchar(64);
alter table incident add column concern_count integer not null default 0;
alter table incident add column vendor_severity_max integer;
create index incident_correlation on incident (school_id, correlation_key, last_seen_at desc) where status <> 'closed';
create index incident_person on incident (school_id, person_id) where status <> 'closed';

-- Concerns staff reported, linked to the incident (case) they belong to. The account is case content.
create table incident_concern (
    concern_id             varchar(64)   primary key,
    incident_id            uuid          not null references incident (id),
    reported_by            varchar(200)  not null,
    submitted_by           varchar(200),
    category               varchar(50)   not null,
    account                varchar(10000) not null,
    location               varchar(500),
    occurred_at            timestamptz   not null,
    received_at            timestamptz   not null
);
create index incident_concern_incident on incident_concern (incident_id);

-- What triage knows of people from the directory feed: only what scoring and routing need.
create table person (
    id                     varchar(64)  primary key,
    kind                   varchar(20)  not null check (kind in ('learner', 'guardian', 'staff')),
    trust_id               varchar(64)  not null,
    school_id              varchar(64)  not null,
    date_of_birth          date,
    send                   boolean      not null default false,
    looked_after           boolean      not null default false,
    child_protection_plan  boolean      not null default false,
    safeguarding_role      varchar(30),
    removed                boolean      not null default false,
    updated_at             timestamptz  not null
);

-- Vendor categories no mapping knows, for the trust admin to map; their alerts are kept as unclassified.
create table unmapped_category (
    trust_id         varchar(64)  not null,
    school_id        varchar(64)  not null,
    vendor           varchar(50)  not null,
    vendor_category  varchar(200) not null,
    first_seen_at    timestamptz  not null,
    last_seen_at     timestamptz  not null,
    alert_count      integer      not null,
    primary key (school_id, vendor, vendor_category)
);
