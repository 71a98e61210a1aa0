-- Notification's copy of the directory feed: whom it may contact, and how. Learners are not kept.
create table staff_member (
    person_id          varchar(64)  primary key,
    trust_id           varchar(64)  not null,
    school_id          varchar(64)  not null,
    display_name       varchar(200) not null,
    email              varchar(320) not null,
    mobile             varchar(40),
    safeguarding_role  varchar(30)  not null,
    removed            boolean      not null default false,
    updated_at         timestamptz  not null
);
create index staff_member_role on staff_member (trust_id, safeguarding_role) where removed = false;
create index staff_member_email on staff_member (lower(email));

create table guardian (
    person_id                varchar(64)  primary key,
    trust_id                 varchar(64)  not null,
    school_id                varchar(64)  not null,
    display_name             varchar(200),
    email                    varchar(320),
    mobile                   varchar(40),
    preferred_language       varchar(20),
    parental_responsibility  boolean      not null,
    do_not_contact           boolean      not null,
    removed                  boolean      not null default false,
    updated_at               timestamptz  not null
);

create table guardian_learner (
    guardian_id  varchar(64) not null references guardian (person_id),
    learner_id   varchar(64) not null,
    primary key (guardian_id, learner_id)
);

-- A school's contact details for parents and carers, its quiet hours and its digest.
alter table school add column phone varchar(40);
alter table school add column email varchar(320);
-- Quiet hours: non-urgent messages in this local time window wait for the next school-day start.
alter table school add column quiet_from time;
alter table school add column quiet_until time;
alter table school add column digest varchar(10) not null default 'off' check (digest in ('off', 'daily', 'weekly'));

-- The channels a school uses per severity (no row: the defaults in configuration).
create table school_channel (
    school_id  varchar(64) not null references school (id),
    severity   varchar(20) not null check (severity in ('low', 'medium', 'high', 'critical')),
    channels   varchar(100) not null,
    primary key (school_id, severity)
);

-- A member of staff's own choice of channels per severity, by the e-mail address they are known by.
create table staff_preference (
    trust_id   varchar(64)  not null,
    email      varchar(320) not null,
    severity   varchar(20)  not null check (severity in ('low', 'medium', 'high', 'critical')),
    channels   varchar(100) not null,
    updated_at timestamptz  not null,
    primary key (trust_id, email, severity)
);

-- Ledger: when a deferred message may go, and the recipient's language.
alter table delivery add column deliver_after timestamptz;
alter table delivery add column language varchar(20);
alter table delivery add column severity varchar(20);
-- SMS text is short; kept beside the e-mail body so a retry sends the same words.
alter table delivery add column short_text varchar(1000);
