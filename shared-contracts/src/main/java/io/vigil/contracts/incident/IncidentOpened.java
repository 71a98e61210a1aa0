package io.vigil.contracts.incident;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * Triage opened an incident that a person at the school must act on.
 *
 * @param incidentId Vigil's incident id
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param category the school's policy category the alert maps to
 * @param severity the score triage gave it
 * @param severityReasons why it has that severity, in words a DSL can read
 * @param routedTo the role that must acknowledge it, e.g. {@code dsl} or {@code head}
 * @param alertIds the alerts that make up the incident so far
 * @param subjectRef the user or device identifier the incident is about, if known
 * @param firstSeenAt when the first alert happened
 * @param openedAt when triage opened it
 */
public record IncidentOpened(
        String incidentId,
        String trustId,
        String schoolId,
        String category,
        Severity severity,
        List<String> severityReasons,
        String routedTo,
        List<String> alertIds,
        @OptionalField String subjectRef,
        Instant firstSeenAt,
        Instant openedAt) {
}
