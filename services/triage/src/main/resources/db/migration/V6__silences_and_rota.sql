-- Silences: alerts that match are still recorded and counted in incidents, but nobody is told and
-- nothing escalates until the silence ends. A silence never applies to illegal-content categories.
create table silence (
    id             uuid          primary key,
    trust_id       varchar(64)   not null,
    -- null: every school of the trust (only a trust administrator may create those)
    school_id      varchar(64),
    appliance_id   varchar(64),
    category       varchar(50),
    -- a user name or device, as the appliance reports it, in lower case
    subject        varchar(200),
    created_by     varchar(200)  not null,
    reason         varchar(1000) not null,
    starts_at      timestamptz   not null,
    ends_at        timestamptz   not null,
    created_at     timestamptz   not null,
    expired_at     timestamptz,
    expired_by     varchar(200),
    constraint silence_has_matcher check (appliance_id is not null or category is not null or subject is not null),
    constraint silence_period check (ends_at > starts_at)
);
create index silence_active on silence (trust_id, ends_at) where expired_at is null;

alter table incident add column silence_id uuid references silence (id);

-- The out-of-hours rota: who is on call for a school (or every school of the trust) and when.
create table on_call_shift (
    id          uuid          primary key,
    trust_id    varchar(64)   not null,
    -- null: every school of the trust
    school_id   varchar(64),
    staff_id    varchar(64)   not null,
    starts_at   timestamptz   not null,
    ends_at     timestamptz   not null,
    added_by    varchar(200)  not null,
    added_at    timestamptz   not null,
    removed_at  timestamptz,
    removed_by  varchar(200),
    constraint on_call_period check (ends_at > starts_at)
);
create index on_call_shift_current on on_call_shift (trust_id, ends_at) where removed_at is null;
