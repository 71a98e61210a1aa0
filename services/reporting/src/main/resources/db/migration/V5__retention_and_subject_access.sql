-- Retention of child-protection records and subject access (IRMS Information Management Toolkit for
-- Schools; UK GDPR).

-- The people of the directory feed (vigil.directory.v1), as far as retention and subject access need
-- them: a learner's date of birth (records about them are kept until it + 25 years), and whether an id
-- is a member of staff (with their safeguarding role) or a parent or carer, so that a subject access
-- export can name a third party by role instead of by id. No names and no contact details. A person
-- removed from the directory keeps their row, marked removed: the records about them are kept all the same.
create table directory_person (
    person_id          varchar(64)  primary key,
    trust_id           varchar(64)  not null,
    school_id          varchar(64)  not null,
    kind               varchar(20)  not null check (kind in ('learner', 'guardian', 'staff')),
    date_of_birth      date,
    safeguarding_role  varchar(40),
    removed            boolean      not null default false,
    removed_at         timestamptz,
    updated_at         timestamptz  not null
);
create index directory_person_trust on directory_person (trust_id, school_id);
create index directory_person_birth on directory_person (trust_id, date_of_birth) where date_of_birth is not null;

-- A legal hold: the records of an incident, or every incident about a person, are not disposed of
-- while the hold is in force, whatever their retention date. Released holds stay, with who and why.
create table retention_hold (
    id              uuid         primary key,
    trust_id        varchar(64)  not null,
    school_id       varchar(64)  not null,
    incident_id     varchar(64),
    person_id       varchar(64),
    reason          varchar(500) not null,
    placed_by       varchar(200) not null,
    placed_at       timestamptz  not null,
    released_by     varchar(200),
    released_at     timestamptz,
    release_reason  varchar(500),
    check ((incident_id is null) <> (person_id is null)),
    check ((released_at is null) = (released_by is null) and (released_at is null) = (release_reason is null))
);
create index retention_hold_incident on retention_hold (incident_id) where released_at is null;
create index retention_hold_person on retention_hold (person_id) where released_at is null;

-- An incident whose records were disposed of after review: its register row, referrals and notification
-- outcomes are gone; this row (ids and dates only, no case content) remains, so that a late or replayed
-- event about the incident does not bring them back. The audit trail keeps its own records.
create table retention_disposal (
    incident_id     varchar(64)  primary key,
    trust_id        varchar(64)  not null,
    school_id       varchar(64)  not null,
    basis           varchar(60)  not null,
    retain_until    date         not null,
    reason          varchar(500) not null,
    disposed_by     varchar(200) not null,
    disposed_at     timestamptz  not null
);
