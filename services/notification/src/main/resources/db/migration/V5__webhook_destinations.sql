-- Where a school's staff alerts are also posted: a Teams channel's incoming webhook or a trust's own
-- endpoint. No school: every school of the trust (only a trust administrator adds those). Vigil
-- generates the signing secret and shows it once; it is kept here because every request is signed
-- with it. A destination is disabled, never deleted, so the ledger's references to it stay readable.
create table webhook_destination (
    id                uuid          primary key,
    trust_id          varchar(64)   not null,
    school_id         varchar(64)   references school (id),
    name              varchar(200)  not null,
    format            varchar(20)   not null check (format in ('teams', 'generic')),
    url               varchar(2000) not null,
    signing_secret    varchar(100)  not null,
    minimum_severity  varchar(20)   not null check (minimum_severity in ('low', 'medium', 'high', 'critical')),
    enabled           boolean       not null default true,
    created_by        varchar(200)  not null,
    created_at        timestamptz   not null,
    disabled_by       varchar(200),
    disabled_at       timestamptz,
    check (enabled = (disabled_at is null))
);
create index webhook_destination_routing on webhook_destination (trust_id, school_id) where enabled;

-- Whether an incident is restricted (about a member of staff or the head). An escalation does not
-- say, and a restricted incident never reaches a webhook, so notification remembers it from the
-- incident's opening; an escalation of an incident not seen opened reaches no webhook either.
create table incident_visibility (
    incident_id  varchar(64)  primary key,
    trust_id     varchar(64)  not null,
    school_id    varchar(64)  not null,
    restricted   boolean      not null,
    opened_at    timestamptz  not null
);
