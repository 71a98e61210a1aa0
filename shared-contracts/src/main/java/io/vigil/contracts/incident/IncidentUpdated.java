package io.vigil.contracts.incident;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;

/**
 * Something about an open incident changed: a new alert was correlated into it, it was acknowledged,
 * assigned or closed.
 *
 * @param incidentId the incident
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param change what happened, e.g. {@code alert-added}, {@code acknowledged}, {@code closed}
 * @param status the incident's status after the change, e.g. {@code open}, {@code acknowledged}, {@code closed}
 * @param severity the incident's severity after the change
 * @param alertCount how many alerts the incident holds
 * @param actor who made the change (a user id), absent when triage itself did
 * @param lastSeenAt when its latest alert happened
 * @param updatedAt when the change was made
 */
public record IncidentUpdated(
        String incidentId,
        String trustId,
        String schoolId,
        String change,
        String status,
        Severity severity,
        int alertCount,
        @OptionalField String actor,
        Instant lastSeenAt,
        Instant updatedAt) {
}
