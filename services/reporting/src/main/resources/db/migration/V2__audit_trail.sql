-- The audit trail: every AuditRecorded event of every service, append-only and hash-chained, one
-- chain per trust (ADR 0009). A link's hash is the SHA-256 of its canonical form, which includes
-- the previous link's hash (see io.vigil.reporting.audit.AuditChain for the exact form).

-- The last link of each trust's chain. Appending locks this row (select ... for update) in the
-- transaction that inserts the link, so replicas and partitions append one at a time, each link
-- getting the next sequence number and the hash before it.
create table audit_chain_head (
    trust_id       text        primary key,
    last_sequence  bigint      not null check (last_sequence >= 0),
    last_hash      varchar(64) not null
);

create table audit_link (
    trust_id       text        not null,
    sequence       bigint      not null check (sequence >= 1),
    event_id       text        not null unique,
    audit_id       text        not null,
    school_id      text,
    service        text        not null,
    actor          text        not null,
    action         text        not null,
    resource_type  text        not null,
    resource_id    text        not null,
    outcome        text        not null,
    details        jsonb       not null,
    occurred_at    timestamptz not null,
    recorded_at    timestamptz not null,
    previous_hash  varchar(64) not null,
    hash           varchar(64) not null,
    primary key (trust_id, sequence)
);
-- The audit query: a trust's records by school or by action, newest first.
create index audit_link_school_time on audit_link (trust_id, school_id, occurred_at desc);
create index audit_link_action_time on audit_link (trust_id, action, occurred_at desc);

-- Append-only in the database too: nobody changes or removes a link, and nobody deletes a chain
-- head or moves it anywhere but one link on. These triggers hold for the service's own role, which
-- owns the tables; they do not hold for a superuser, who can switch triggers off for a session
-- (session_replication_role = replica). Tampering from there on is what the hash chain detects.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_link_append_only
    before update or delete on audit_link
    for each row execute function audit_refuse_change();
create trigger audit_link_no_truncate
    before truncate on audit_link
    for each statement execute function audit_refuse_change();

create function audit_head_moves_on() returns trigger language plpgsql as $$
begin
    if new.trust_id <> old.trust_id or new.last_sequence <> old.last_sequence + 1 then
        raise exception 'the audit chain head of % only moves one link on', old.trust_id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end;
$$;

create trigger audit_chain_head_moves_on
    before update on audit_chain_head
    for each row execute function audit_head_moves_on();
create trigger audit_chain_head_no_delete
    before delete on audit_chain_head
    for each row execute function audit_refuse_change();
create trigger audit_chain_head_no_truncate
    before truncate on audit_chain_head
    for each statement execute function audit_refuse_change();
