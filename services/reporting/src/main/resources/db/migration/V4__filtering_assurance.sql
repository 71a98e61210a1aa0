-- The filtering assurance register: what the DfE filtering and monitoring standards ask a school to
-- be able to show. Who asked for a change to filtering and who approved it, the regular checks that
-- filtering and monitoring work, and the annual review's sign-off. Every row carries its trust and
-- school. People named here are staff (or the trust's IT provider); no column holds anything about a
-- learner.

-- A change to filtering: a site or category allowed or blocked, for whom (a group or class of devices,
-- never a named learner), asked for by one person and decided by another. A correction is a new entry
-- that names the one it corrects; once decided, an entry's content is fixed, and the only later
-- change is the record that an approved change was applied.
create table filtering_change (
    id             uuid         primary key,
    trust_id       varchar(64)  not null,
    school_id      varchar(64)  not null,
    change_action  varchar(10)  not null check (change_action in ('allow', 'block')),
    target_kind    varchar(20)  not null check (target_kind in ('site', 'category')),
    target         varchar(253) not null,
    applies_to     varchar(200),
    reason         text         not null,
    corrects       uuid         references filtering_change (id),
    status         varchar(10)  not null check (status in ('requested', 'approved', 'rejected', 'applied')),
    requested_by   text         not null,
    requested_at   timestamptz  not null,
    decided_by     text,
    decided_at     timestamptz,
    decision_note  text,
    applied_by     text,
    applied_at     timestamptz,
    check (status = 'requested' or (decided_by is not null and decided_at is not null)),
    check (status <> 'applied' or (applied_by is not null and applied_at is not null)),
    check (decided_by is null or decided_by <> requested_by)
);
create index filtering_change_school on filtering_change (trust_id, school_id, requested_at desc);
create index filtering_change_decided on filtering_change (trust_id, school_id, decided_at);

-- A check that filtering or monitoring works: when, how, who did it (a member of staff or the IT
-- provider, by name or role), what it showed and what was done about anything that failed.
create table filtering_check (
    id             uuid         primary key,
    trust_id       varchar(64)  not null,
    school_id      varchar(64)  not null,
    checked_on     date         not null,
    method         varchar(40)  not null check (method in ('swgfl-test-filtering', 'manual-category-test',
                                    'monitoring-test-alert', 'filtering-log-review')),
    scope          varchar(200),
    performed_by   varchar(200) not null,
    result         varchar(10)  not null check (result in ('pass', 'fail', 'partial')),
    action_taken   text,
    check (result = 'pass' or action_taken is not null),
    recorded_by    text         not null,
    recorded_at    timestamptz  not null
);
create index filtering_check_school on filtering_check (trust_id, school_id, checked_on desc);

-- The annual review of filtering and monitoring, signed off by a named person in their role, with
-- when the next one is due. A later sign-off supersedes an earlier one; none is changed.
create table filtering_annual_review (
    id               uuid         primary key,
    trust_id         varchar(64)  not null,
    school_id        varchar(64)  not null,
    reviewed_on      date         not null,
    signed_by        varchar(200) not null,
    signer_role      varchar(40)  not null,
    summary          text         not null,
    next_review_due  date         not null check (next_review_due > reviewed_on),
    recorded_by      text         not null,
    recorded_at      timestamptz  not null
);
create index filtering_annual_review_school on filtering_annual_review (trust_id, school_id, reviewed_on desc);

-- Append-only in the database too, for the service's own role: checks and sign-offs are never changed
-- or removed, a change entry is never removed, and its only updates are its decision and then, if
-- approved, its application.
create function assurance_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the filtering assurance register is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger filtering_check_append_only
    before update or delete on filtering_check
    for each row execute function assurance_refuse_change();
create trigger filtering_check_no_truncate
    before truncate on filtering_check
    for each statement execute function assurance_refuse_change();
create trigger filtering_annual_review_append_only
    before update or delete on filtering_annual_review
    for each row execute function assurance_refuse_change();
create trigger filtering_annual_review_no_truncate
    before truncate on filtering_annual_review
    for each statement execute function assurance_refuse_change();
create trigger filtering_change_no_delete
    before delete on filtering_change
    for each row execute function assurance_refuse_change();
create trigger filtering_change_no_truncate
    before truncate on filtering_change
    for each statement execute function assurance_refuse_change();

create function filtering_change_steps_on() returns trigger language plpgsql as $$
begin
    if (new.id, new.trust_id, new.school_id, new.change_action, new.target_kind, new.target, new.applies_to,
            new.reason, new.corrects, new.requested_by, new.requested_at)
            is distinct from (old.id, old.trust_id, old.school_id, old.change_action, old.target_kind, old.target,
            old.applies_to, old.reason, old.corrects, old.requested_by, old.requested_at) then
        raise exception 'a filtering change request is not edited; record a correction instead'
            using errcode = 'insufficient_privilege';
    end if;
    if old.status = 'requested' and new.status in ('approved', 'rejected')
            and new.applied_by is null and new.applied_at is null then
        return new;
    end if;
    if old.status = 'approved' and new.status = 'applied'
            and (new.decided_by, new.decided_at, new.decision_note)
                is not distinct from (old.decided_by, old.decided_at, old.decision_note) then
        return new;
    end if;
    raise exception 'a filtering change moves only from requested to approved or rejected, and from approved to applied'
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger filtering_change_steps_on
    before update on filtering_change
    for each row execute function filtering_change_steps_on();
