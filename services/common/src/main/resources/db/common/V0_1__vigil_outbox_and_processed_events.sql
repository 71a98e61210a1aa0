-- Shared by every service: the transactional outbox and the record of consumed events.

-- Events written in the same transaction as the state change they describe; the relay publishes
-- them to Kafka in id order and deletes them once the broker acknowledged (acks=all).
create table vigil_outbox (
    id           bigserial primary key,
    event_id     varchar(64)  not null unique,
    topic        varchar(255) not null,
    message_key  varchar(255) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now()
);

-- One row per event a consumer has processed, written in the consumer's own transaction, so a
-- redelivered record is recognised and skipped.
create table vigil_processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(64)  not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
