package io.vigil.reporting.audit;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.reporting.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores every {@code AuditRecorded} of {@code vigil.audit.v1} in its trust's audit chain, once per
 * event id. A record that is not a valid {@code AuditRecorded}, or that could not be stored and read
 * back exactly as it was hashed, goes to {@code vigil.audit.v1.dlq} with the reason.
 */
@ApplicationScoped
public class AuditEventConsumer {

    static final String CONSUMER = "reporting.audit";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    AuditLedger ledger;

    @Incoming(Channels.AUDIT_IN)
    @Blocking
    public void onAuditEvent(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record.value(), this::apply);
    }

    void apply(CloudEvent event) {
        if (!EventCodec.isA(event, EventType.AUDIT_RECORDED_V1)) {
            throw new PoisonEventException("unexpected event type '" + event.type() + "' on the audit topic");
        }
        AuditRecorded record = EventCodec.payload(event, AuditRecorded.class);
        String problem = problemOf(event.id(), record);
        if (problem != null) {
            throw new PoisonEventException("audit event " + event.id() + " " + problem);
        }
        ledger.append(event.id(), record);
    }

    /** What makes a decoded record unfit for the chain, or null when it fits. */
    static String problemOf(String eventId, AuditRecorded record) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", eventId);
        fields.put("auditId", record.auditId());
        fields.put("trustId", record.trustId());
        fields.put("service", record.service());
        fields.put("actor", record.actor());
        fields.put("action", record.action());
        fields.put("resourceType", record.resourceType());
        fields.put("resourceId", record.resourceId());
        fields.put("outcome", record.outcome());
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().isBlank()) {
                return "has an empty '" + field.getKey() + "'";
            }
        }
        if (record.schoolId() != null) {
            if (record.schoolId().isBlank()) {
                return "has an empty 'schoolId' (a trust-wide record leaves it out)";
            }
            fields.put("schoolId", record.schoolId());
        }
        for (Map.Entry<String, String> detail : record.details().entrySet()) {
            if (detail.getValue() == null) {
                return "has a detail '" + detail.getKey() + "' without a value";
            }
            fields.put("details key '" + detail.getKey() + "'", detail.getKey());
            fields.put("detail '" + detail.getKey() + "'", detail.getValue());
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String unstorable = AuditChain.unstorable(field.getValue());
            if (unstorable != null) {
                return "cannot be stored: its " + field.getKey() + " " + unstorable;
            }
        }
        if (record.occurredAt().isBefore(AuditChain.EARLIEST) || record.occurredAt().isAfter(AuditChain.LATEST)) {
            return "has an 'occurredAt' outside the years 1 to 9999";
        }
        return null;
    }
}
