-- The incident register: one row per incident, built only from incident events. It holds no
-- names and no concern text; the learner appears in no column.
create table incident_register (
    incident_id    varchar(64)  primary key,
    trust_id       varchar(64)  not null,
    school_id      varchar(64)  not null,
    category       varchar(100) not null,
    severity       varchar(20)  not null,
    status         varchar(20)  not null,
    routed_to      varchar(40)  not null,
    alert_count    integer      not null,
    first_seen_at  timestamptz  not null,
    opened_at      timestamptz  not null,
    updated_at     timestamptz  not null
);
create index incident_register_school on incident_register (trust_id, school_id, opened_at desc);
