package io.vigil.reporting.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends audit records to their trust's chain. The trust's chain head is locked for the rest of
 * the caller's transaction, so appends of one trust are serialised across threads and replicas and
 * each link follows exactly the link committed before it (ADR 0009).
 */
@ApplicationScoped
public class AuditLedger {

    private static final ObjectMapper JSON = EventCodec.mapper();

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /**
     * Appends one record as the next link of its trust's chain; must run inside the caller's
     * transaction (the one that marks the event processed).
     *
     * @return the stored link
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditLink append(String eventId, AuditRecorded record) {
        entityManager.createNativeQuery("insert into audit_chain_head (trust_id, last_sequence, last_hash) "
                + "values (?1, 0, ?2) on conflict (trust_id) do nothing")
                .setParameter(1, record.trustId()).setParameter(2, AuditChain.GENESIS).executeUpdate();
        Object[] head = (Object[]) entityManager.createNativeQuery("select last_sequence, last_hash "
                + "from audit_chain_head where trust_id = ?1 for update")
                .setParameter(1, record.trustId()).getSingleResult();
        long sequence = ((Number) head[0]).longValue() + 1;
        AuditLink link = new AuditLink(record.trustId(), sequence, eventId, record.auditId(), record.schoolId(),
                record.service(), record.actor(), record.action(), record.resourceType(), record.resourceId(),
                record.outcome(), record.details(), AuditChain.toMicros(record.occurredAt()),
                AuditChain.toMicros(clock.instant()), (String) head[1], null).sealed();
        entityManager.createNativeQuery("insert into audit_link (trust_id, sequence, event_id, audit_id, school_id,"
                + " service, actor, action, resource_type, resource_id, outcome, details, occurred_at, recorded_at,"
                + " previous_hash, hash) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, cast(?12 as jsonb),"
                + " ?13, ?14, ?15, ?16)")
                .setParameter(1, link.trustId()).setParameter(2, link.sequence()).setParameter(3, link.eventId())
                .setParameter(4, link.auditId()).setParameter(5, link.schoolId()).setParameter(6, link.service())
                .setParameter(7, link.actor()).setParameter(8, link.action()).setParameter(9, link.resourceType())
                .setParameter(10, link.resourceId()).setParameter(11, link.outcome())
                .setParameter(12, json(link)).setParameter(13, utc(link.occurredAt()))
                .setParameter(14, utc(link.recordedAt())).setParameter(15, link.previousHash())
                .setParameter(16, link.hash())
                .executeUpdate();
        entityManager.createNativeQuery("update audit_chain_head set last_sequence = ?2, last_hash = ?3 "
                + "where trust_id = ?1")
                .setParameter(1, link.trustId()).setParameter(2, link.sequence()).setParameter(3, link.hash())
                .executeUpdate();
        return link;
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String json(AuditLink link) {
        try {
            return JSON.writeValueAsString(link.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the details of audit event " + link.eventId(), e);
        }
    }
}
