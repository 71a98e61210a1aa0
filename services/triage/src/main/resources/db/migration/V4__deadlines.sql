-- Acknowledgement deadlines, the escalation ladder and the LADO timer.
alter table incident add column ack_due_at timestamptz;
alter table incident add column escalation_level integer not null default 0;
alter table incident add column lado_due_at timestamptz;
create index incident_ack_due on incident (ack_due_at) where status = 'open';
create index incident_lado_due on incident (lado_due_at) where lado_due_at is not null;
