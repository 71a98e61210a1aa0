-- What governor reports and KPIs count, kept on the register row: the 4Cs of the category (comma-separated;
-- a category may belong to two), where the
-- incident came from, whether it is restricted (a concern about a member of staff: invisible to the DSL
-- team) or silenced, the directory id of the person it is about (for retention and subject access only;
-- no API shows it to a governor), and the case's milestones and outcome.
alter table incident_register
    add column four_cs                varchar(40)  not null default '',
    add column source_id              varchar(64),
    add column restricted             boolean      not null default false,
    add column routed_roles           varchar(200) not null default '',
    add column silenced               boolean      not null default false,
    add column person_id              varchar(64),
    add column last_seen_at           timestamptz,
    add column acknowledged_at        timestamptz,
    add column closed_at              timestamptz,
    add column outcome                varchar(40),
    add column parent_contact         varchar(20)  not null default 'undecided',
    add column parent_contact_reason  varchar(40),
    add column escalations            integer      not null default 0,
    add column source_resumed_at      timestamptz;

update incident_register set last_seen_at = first_seen_at where last_seen_at is null;
alter table incident_register alter column last_seen_at set not null;

create index incident_register_period on incident_register (trust_id, opened_at);
create index incident_register_person on incident_register (person_id) where person_id is not null;

-- Each referral made in a case, by agency (never the agency's own reference).
create table register_referral (
    event_id     varchar(100) primary key,
    incident_id  varchar(64)  not null references incident_register (incident_id),
    agency       varchar(40)  not null,
    referred_at  timestamptz  not null
);
create index register_referral_incident on register_referral (incident_id);

-- The last known state of each notification, from vigil.notifications.v1: for the failure-rate KPI.
create table notification_outcome (
    notification_id  varchar(200) primary key,
    incident_id      varchar(64)  not null,
    trust_id         varchar(64)  not null,
    school_id        varchar(64)  not null,
    channel          varchar(20)  not null,
    state            varchar(20)  not null,
    permanent        boolean      not null default false,
    attempts         integer      not null default 0,
    requested_at     timestamptz,
    settled_at       timestamptz
);
create index notification_outcome_school on notification_outcome (trust_id, school_id, requested_at);
