-- The ledger's rows of an incident: read for every poll of incident events, to know which
-- notifications a redelivered event already planned. Without it each poll scanned the whole ledger,
-- which only grows.
create index delivery_incident on delivery (incident_id);
