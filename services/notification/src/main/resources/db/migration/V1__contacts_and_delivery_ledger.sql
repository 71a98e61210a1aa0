-- Who to tell at each school. Filled from the directory feed; the demo trust seeds it locally.
create table school (
    id        varchar(64)  primary key,
    trust_id  varchar(64)  not null,
    name      varchar(200) not null
);

create table school_contact (
    school_id     varchar(64)  not null references school (id),
    role          varchar(40)  not null,
    email         varchar(320) not null,
    display_name  varchar(200) not null,
    primary key (school_id, role, email)
);

-- The delivery ledger: one row per notification id (one decision, one recipient), so a
-- redelivered incident event never sends a second message, and no failure goes unrecorded.
create table delivery (
    notification_id     uuid         primary key,
    incident_id         varchar(64)  not null,
    trust_id            varchar(64)  not null,
    school_id           varchar(64)  not null,
    channel             varchar(20)  not null,
    recipient_ref       varchar(200) not null,
    recipient_address   varchar(320) not null,
    template_id         varchar(100) not null,
    -- The rendered message (a link to the case, never the concern), so a retry sends the same words.
    subject             varchar(500) not null,
    body                text         not null,
    state               varchar(20)  not null check (state in ('requested', 'sending', 'sent', 'delivered', 'failed', 'bounced')),
    provider_reference  varchar(255),
    attempts            integer      not null default 0,
    last_error          varchar(1000),
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index delivery_pending on delivery (state, updated_at) where state in ('requested', 'sending');
