-- The W3C trace context of the span that published an outbox event (also in its envelope), so the
-- relay sets the Kafka record's traceparent and tracestate headers without reading the payload.
alter table vigil_outbox add column traceparent varchar(55), add column tracestate text;
alter table vigil_outbox_parked add column traceparent varchar(55), add column tracestate text;
