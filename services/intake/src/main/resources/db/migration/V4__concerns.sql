-- Concerns staff report. The account of what was seen or heard is kept here and published once,
-- to triage only; staff can read back their own reports.
create table concern (
    id                     varchar(64)   primary key,
    trust_id               varchar(64)   not null,
    school_id              varchar(64)   not null references school (id),
    reported_by            varchar(200)  not null,
    submitted_by           varchar(200),
    idempotency_key        varchar(100),
    learner_id             varchar(64),
    learner_unknown        boolean       not null,
    concerns_staff_member  boolean       not null,
    staff_member_id        varchar(64),
    category               varchar(50)   not null,
    account                varchar(10000) not null,
    location               varchar(500),
    occurred_at            timestamptz   not null,
    received_at            timestamptz   not null,
    check (learner_id is not null or learner_unknown or concerns_staff_member),
    unique (reported_by, idempotency_key)
);
create index concern_reporter on concern (reported_by, received_at desc);
