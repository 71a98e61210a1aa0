package io.vigil.contracts.audit;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.Map;

/**
 * Someone (or a service) read or changed something that the audit trail must show.
 *
 * @param auditId unique id of the record
 * @param trustId the trust
 * @param schoolId the school, absent for trust-wide actions
 * @param service the service that recorded it
 * @param actor the user id, client id or {@code system}
 * @param action what was done, e.g. {@code incident.read}, {@code incident.opened}, {@code appliance.key-rotated}
 * @param resourceType e.g. {@code incident}
 * @param resourceId the id of the thing acted on
 * @param outcome {@code success} or {@code denied}
 * @param details non-personal context (ids, counts); never concern text
 * @param occurredAt when it happened
 */
public record AuditRecorded(
        String auditId,
        String trustId,
        @OptionalField String schoolId,
        String service,
        String actor,
        String action,
        String resourceType,
        String resourceId,
        String outcome,
        Map<String, String> details,
        Instant occurredAt) {
}
