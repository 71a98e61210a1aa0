package io.vigil.reporting.subjectaccess;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything reporting holds about one learner, for a subject access request under UK GDPR: the incidents
 * about them with their referrals, parent-contact decisions, notification outcomes and audit records. Every
 * other person appears only as a role or as {@link Redaction#THIRD_PARTY}.
 *
 * @param personId the learner's directory id
 * @param schoolId the school they are on roll at (else of their newest incident)
 * @param dateOfBirth their date of birth, when the directory feed gave it
 * @param removedFromDirectory whether the school removed them from the directory (the records are kept)
 * @param generatedAt when the export was made
 * @param incidents the incidents about them at the caller's schools, oldest first
 */
public record SubjectAccessReport(String personId, String schoolId, LocalDate dateOfBirth,
        boolean removedFromDirectory, Instant generatedAt, List<Incident> incidents) {

    /** An incident about the learner: what it was, how it went, and how long it is kept. */
    public record Incident(String incidentId, String schoolId, String category, String fourCs, String severity,
            String status, String source, String routedTo, int alertCount, Instant firstSeenAt, Instant lastSeenAt,
            Instant openedAt, Instant acknowledgedAt, Instant closedAt, String outcome, int escalations,
            String parentContact, String parentContactReason, String retentionBasis, LocalDate retainUntil,
            List<Referral> referrals, List<Notification> notifications, List<AuditEvent> auditEvents) {
    }

    /** A referral to an agency (never the agency's reference). */
    public record Referral(String agency, Instant referredAt) {
    }

    /** A message sent about the incident; the recipient is a third party. */
    public record Notification(String channel, String state, String recipient, Instant requestedAt,
            Instant settledAt) {
    }

    /** An audit record about the incident, its actor and any person in its details redacted. */
    public record AuditEvent(Instant occurredAt, String service, String action, String actor, String outcome,
            Map<String, String> details) {
    }
}
