-- Outbox events the broker refused for good (too large, not authorised, invalid topic): kept, with
-- the reason, for an operator, instead of holding back every later event of the service.
create table vigil_outbox_parked (
    id           bigint       primary key,
    event_id     varchar(64)  not null unique,
    topic        varchar(255) not null,
    message_key  varchar(255) not null,
    payload      text         not null,
    created_at   timestamptz  not null,
    parked_at    timestamptz  not null default now(),
    reason       varchar(1000) not null
);
