-- The KPI gauges (every minute, every trust at once) read the incidents opened and the notifications
-- settled in a period; without these, each refresh read both tables through. An incident's opening
-- never changes, so its index keeps the register's updates heap-only.
create index incident_register_opened on incident_register (opened_at);
create index notification_outcome_settled on notification_outcome (settled_at) where settled_at is not null;
-- A subject-access export and a disposal after review find an incident's notifications by incident.
create index notification_outcome_incident on notification_outcome (incident_id);
