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
 * @param outcome on {@code closed}: how the case ended, e.g. {@code false-positive}, {@code advice-given}
 * @param agency on {@code referred}: the agency referred to, e.g. {@code mash}, {@code police}, {@code lado}
 *     (never the agency's reference)
 * @param reason on {@code parent-contact-withheld}: why parents or carers were not contacted, e.g.
 *     {@code risk-to-child}, {@code police-advice}, {@code other}
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
        Instant updatedAt,
        @OptionalField String outcome,
        @OptionalField String agency,
        @OptionalField String reason) {

    /** A change that carries no outcome, agency or reason. */
    public IncidentUpdated(String incidentId, String trustId, String schoolId, String change, String status,
            Severity severity, int alertCount, String actor, Instant lastSeenAt, Instant updatedAt) {
        this(incidentId, trustId, schoolId, change, status, severity, alertCount, actor, lastSeenAt, updatedAt,
                null, null, null);
    }
}
