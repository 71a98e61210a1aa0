-- Low-severity incidents of a school that uses a digest, gathered for its DSL instead of one message each.
create table digest (
    id          uuid         primary key,
    trust_id    varchar(64)  not null,
    school_id   varchar(64)  not null,
    period      varchar(20)  not null,
    created_at  timestamptz  not null,
    constraint digest_once unique (school_id, period)
);

create table digest_entry (
    incident_id  varchar(64)  primary key,
    trust_id     varchar(64)  not null,
    school_id    varchar(64)  not null,
    category     varchar(100) not null,
    opened_at    timestamptz  not null,
    digest_id    uuid         references digest (id)
);
create index digest_entry_pending on digest_entry (school_id) where digest_id is null;
