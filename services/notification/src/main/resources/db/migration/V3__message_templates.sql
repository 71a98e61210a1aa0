-- A trust's own wording of a message, one row per version: version 1 of every (key, language) is
-- the wording Vigil ships (in the code, not here), so a trust's first own version is 2. Rows are
-- never changed or deleted; the newest version is the one used, and who, when and why stay on record.
create table message_template (
    id          bigserial     primary key,
    trust_id    varchar(64)   not null,
    key         varchar(60)   not null,
    language    varchar(8)    not null,
    version     integer       not null check (version > 1),
    subject     varchar(1000) not null,
    body        text          not null,
    sms         varchar(2000) not null,
    changed_by  varchar(200)  not null,
    changed_at  timestamptz   not null,
    reason      varchar(1000) not null,
    unique (trust_id, key, language, version)
);
