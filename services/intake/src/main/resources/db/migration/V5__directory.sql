-- The directory feed: who is who at each school, so an alert can be resolved to a person and
-- notification knows whom to contact. A person id is the key of vigil.directory.v1, so intake keeps
-- it unique across the three person tables. Learners have no name column on purpose: a child's
-- data is minimised to ids, year group, date of birth and vulnerability flags.
create table learner (
    id                     varchar(64)  primary key,
    school_id              varchar(64)  not null references school (id),
    year_group             varchar(3)   not null check (year_group in
                               ('N1', 'N2', 'R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6', 'Y7', 'Y8', 'Y9', 'Y10',
                                'Y11', 'Y12', 'Y13')),
    date_of_birth          date         not null,
    send                   boolean      not null,
    looked_after           boolean      not null,
    child_protection_plan  boolean      not null,
    eal                    boolean      not null,
    home_language          varchar(100),
    guardian_ids           text[]       not null default '{}',
    updated_at             timestamptz  not null
);
create index learner_school on learner (school_id);

create table guardian (
    id                       varchar(64)  primary key,
    school_id                varchar(64)  not null references school (id),
    learner_ids              text[]       not null default '{}',
    display_name             varchar(200),
    email                    varchar(254),
    mobile                   varchar(20),
    preferred_language       varchar(100),
    parental_responsibility  boolean      not null,
    do_not_contact           boolean      not null,
    do_not_contact_reason    varchar(500),
    updated_at               timestamptz  not null,
    constraint guardian_has_contact check (email is not null or mobile is not null),
    constraint guardian_do_not_contact_has_reason check (do_not_contact = (do_not_contact_reason is not null))
);
create index guardian_school on guardian (school_id);

create table staff_member (
    id                 varchar(64)  primary key,
    school_id          varchar(64)  not null references school (id),
    display_name       varchar(200) not null,
    email              varchar(254) not null,
    mobile             varchar(20),
    safeguarding_role  varchar(30)  not null check (safeguarding_role in
                           ('none', 'dsl', 'deputy-dsl', 'head', 'chair-of-governors', 'trust-safeguarding-lead')),
    updated_at         timestamptz  not null
);
create index staff_member_school on staff_member (school_id);

-- The user names and devices a learner or member of staff has on the school's appliances. A null
-- appliance_id means any appliance of the school. Rows are replaced with their person's record.
create table person_account (
    id            bigserial    primary key,
    person_id     varchar(64)  not null,
    person_kind   varchar(10)  not null check (person_kind in ('learner', 'staff')),
    school_id     varchar(64)  not null references school (id),
    appliance_id  varchar(64),
    username      varchar(200),
    device_id     varchar(200),
    constraint person_account_names_something check (username is not null or device_id is not null)
);
create index person_account_person on person_account (person_id);
-- Resolution of alerts: by school and user name (case-insensitive), or school and device id.
create index person_account_username on person_account (school_id, lower(username)) where username is not null;
create index person_account_device on person_account (school_id, device_id) where device_id is not null;
