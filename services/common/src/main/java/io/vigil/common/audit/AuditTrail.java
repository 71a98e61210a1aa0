package io.vigil.common.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventIds;
import io.vigil.contracts.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes audit records to {@code vigil.audit.v1} through the outbox, so the record commits with
 * the change or read it describes. Details carry ids and counts only, never concern text.
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Records an action; must run inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String trustId, String schoolId, String actor, String action, String resourceType,
            String resourceId, String outcome, Map<String, String> details) {
        Instant now = clock.instant();
        String auditId = EventIds.next();
        AuditRecorded audit = new AuditRecorded(auditId, trustId, schoolId, service, actor, action, resourceType,
                resourceId, outcome, Map.copyOf(details), now);
        String key = schoolId != null ? schoolId : trustId;
        outbox.publish(Topics.AUDIT, key,
                EventCodec.encoded(auditId, "/vigil/" + service, audit, resourceId, trustId, schoolId, null, now));
    }

    /**
     * Records that the caller was refused ({@code 403}) or not shown ({@code 404}) something, in a
     * transaction of its own: the request's transaction rolls back with the refusal.
     */
    public void recordDenied(String trustId, String actor, String action, String resourceType, String resourceId,
            int status) {
        QuarkusTransaction.requiringNew().run(() -> record(trustId, null, actor, action, resourceType, resourceId,
                "denied", Map.of("status", Integer.toString(status))));
    }
}
