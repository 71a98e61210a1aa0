package io.vigil.reporting.audit;

import java.time.Instant;
import java.util.Map;

/** An audit record as the audit query shows it, with its place in the trust's chain. */
public record AuditEventView(long sequence, String auditId, String schoolId, String service, String actor,
        String action, String resourceType, String resourceId, String outcome, Map<String, String> details,
        Instant occurredAt, Instant recordedAt, String hash) {

    static AuditEventView of(AuditEntry entry) {
        return new AuditEventView(entry.sequence, entry.auditId, entry.schoolId, entry.service, entry.actor,
                entry.action, entry.resourceType, entry.resourceId, entry.outcome, entry.details, entry.occurredAt,
                entry.recordedAt, entry.hash);
    }
}
