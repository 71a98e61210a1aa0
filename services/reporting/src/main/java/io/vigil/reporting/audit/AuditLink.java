package io.vigil.reporting.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One link of a trust's audit chain: an audit record as reporting stored it, its place in the
 * chain and the hashes that bind it to the link before it. Uses only the JDK, so the command-line
 * check can build it from a database row without the service.
 *
 * @param trustId the trust whose chain this is
 * @param sequence 1 for the first link of the trust's chain, then one more for each link
 * @param eventId the CloudEvent id the record arrived with
 * @param auditId the record's own id ({@code AuditRecorded.auditId})
 * @param schoolId the school, or null for a trust-wide record
 * @param service the service that recorded it
 * @param actor who acted
 * @param action what was done, e.g. {@code incident.read}
 * @param resourceType the kind of thing acted on
 * @param resourceId the thing acted on
 * @param outcome {@code success} or {@code denied}
 * @param details the record's details
 * @param occurredAt when it happened, to the microsecond
 * @param recordedAt when reporting stored it, to the microsecond
 * @param previousHash the hash of the link before ({@link AuditChain#GENESIS} for the first)
 * @param hash this link's hash as stored (null while it is being made)
 */
public record AuditLink(String trustId, long sequence, String eventId, String auditId, String schoolId,
        String service, String actor, String action, String resourceType, String resourceId, String outcome,
        Map<String, String> details, Instant occurredAt, Instant recordedAt, String previousHash, String hash) {

    public AuditLink {
        Objects.requireNonNull(trustId, "trustId");
        Objects.requireNonNull(details, "details");
        Objects.requireNonNull(previousHash, "previousHash");
    }

    /** This link with its hash computed from its contents. */
    public AuditLink sealed() {
        return new AuditLink(trustId, sequence, eventId, auditId, schoolId, service, actor, action, resourceType,
                resourceId, outcome, details, occurredAt, recordedAt, previousHash, AuditChain.hash(this));
    }
}
