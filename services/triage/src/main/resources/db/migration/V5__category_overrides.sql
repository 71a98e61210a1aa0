-- A trust's or school's own mapping of a vendor category onto a policy category. Every change is a
-- new version; only the newest version of a (trust, school, vendor, category) applies.
create table category_override (
    id                bigserial    primary key,
    trust_id          varchar(64)  not null,
    school_id         varchar(64),
    vendor            varchar(50)  not null,
    vendor_category   varchar(200) not null,
    policy_category   varchar(50)  not null,
    version           integer      not null,
    changed_by        varchar(200) not null,
    changed_at        timestamptz  not null,
    reason            varchar(1000) not null
);
create unique index category_override_version
    on category_override (trust_id, coalesce(school_id, ''), vendor, vendor_category, version);
