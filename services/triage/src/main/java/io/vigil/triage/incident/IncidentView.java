package io.vigil.triage.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the DSL's case list shows it. {@code ladoDueAt} is when the LADO must have been consulted
 * about a case concerning a member of staff (the end of the next working day), until a LADO referral is
 * recorded or the timer is missed; null for every other case.
 */
public record IncidentView(String id, String schoolId, String category, String severity,
        List<String> severityReasons, String status, String routedTo, List<String> alsoRoutedTo, boolean restricted,
        List<String> requiredSteps, String subjectRef, String personId, int alertCount, int concernCount,
        String mappingBasis, Instant firstSeenAt, Instant lastSeenAt, Instant openedAt, Instant acknowledgedAt,
        String acknowledgedBy, String assignee, Instant closedAt, String outcome, String parentContact,
        Instant ackDueAt, int escalationLevel, String silenceId, Instant ladoDueAt) {

    public static IncidentView of(Incident incident) {
        return new IncidentView(incident.id.toString(), incident.schoolId, incident.category, incident.severity,
                lines(incident.severityReasons), incident.status, incident.routedTo,
                incident.routedRoles().subList(1, incident.routedRoles().size()), incident.restricted,
                lines(incident.requiredSteps), incident.subjectRef, incident.personId, incident.alertCount,
                incident.concernCount, incident.mappingBasis, incident.firstSeenAt, incident.lastSeenAt,
                incident.openedAt, incident.acknowledgedAt, incident.acknowledgedBy, incident.assignee,
                incident.closedAt, incident.outcome, incident.parentContact, incident.ackDueAt,
                incident.escalationLevel, incident.silenceId == null ? null : incident.silenceId.toString(),
                incident.ladoDueAt);
    }

    private static List<String> lines(String text) {
        return text.isBlank() ? List.of() : List.of(text.split("\n"));
    }
}
