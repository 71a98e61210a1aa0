-- The DSL's case workflow: acknowledgement, assignment, outcome, and the case's chronology.
alter table incident add column acknowledged_at timestamptz;
alter table incident add column acknowledged_by varchar(200);
alter table incident add column assignee varchar(200);
alter table incident add column closed_at timestamptz;
alter table incident add column outcome varchar(40);
alter table incident add column parent_contact varchar(20) not null default 'undecided'
    check (parent_contact in ('undecided', 'approved', 'withheld'));

-- Everything done on a case, in order: chronology entries, referrals, decisions and transitions.
create table case_entry (
    id           bigserial     primary key,
    incident_id  uuid          not null references incident (id),
    kind         varchar(30)   not null check (kind in ('transition', 'note', 'referral', 'parent-contact')),
    actor        varchar(200)  not null,
    at           timestamptz   not null,
    text         varchar(4000) not null,
    agency       varchar(40),
    reference    varchar(200)
);
create index case_entry_incident on case_entry (incident_id, id);
