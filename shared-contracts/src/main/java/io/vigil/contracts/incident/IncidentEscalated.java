package io.vigil.contracts.incident;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;
import java.util.List;

/**
 * Nobody acted on an incident in time, so it goes up the escalation ladder (DSL, deputies, head,
 * trust safeguarding lead), or a LADO timer ran out. Notification tells the roles it names.
 *
 * @param incidentId the incident
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param severity the incident's severity
 * @param level how many steps up the ladder it now is (1 for the first escalation)
 * @param escalatedTo the roles now told
 * @param reason why, in words the recipients can read (never details of the concern)
 * @param nextDueAt when it escalates again if still nobody acts, if it can go higher
 * @param escalatedAt when
 * @param onCall directory ids of the staff on the out-of-hours rota, told as well when the
 *     escalation happens outside school hours (never for a restricted incident)
 * @param category the incident's policy category, so a message can name its 4Cs group
 * @param cause why it was escalated (absent in events published before the cause was recorded)
 */
public record IncidentEscalated(
        String incidentId,
        String trustId,
        String schoolId,
        Severity severity,
        int level,
        List<String> escalatedTo,
        String reason,
        @OptionalField Instant nextDueAt,
        Instant escalatedAt,
        @OptionalField List<String> onCall,
        @OptionalField String category,
        @OptionalField EscalationCause cause) {

    /** An escalation within school hours, or with nobody on the rota. */
    public IncidentEscalated(String incidentId, String trustId, String schoolId, Severity severity, int level,
            List<String> escalatedTo, String reason, Instant nextDueAt, Instant escalatedAt) {
        this(incidentId, trustId, schoolId, severity, level, escalatedTo, reason, nextDueAt, escalatedAt, null, null,
                null);
    }

    /** An escalation naming the staff on the rota, without the category (as first published). */
    public IncidentEscalated(String incidentId, String trustId, String schoolId, Severity severity, int level,
            List<String> escalatedTo, String reason, Instant nextDueAt, Instant escalatedAt, List<String> onCall) {
        this(incidentId, trustId, schoolId, severity, level, escalatedTo, reason, nextDueAt, escalatedAt, onCall, null,
                null);
    }

    /** An escalation with its category, without the cause (as published before the cause was recorded). */
    public IncidentEscalated(String incidentId, String trustId, String schoolId, Severity severity, int level,
            List<String> escalatedTo, String reason, Instant nextDueAt, Instant escalatedAt, List<String> onCall,
            String category) {
        this(incidentId, trustId, schoolId, severity, level, escalatedTo, reason, nextDueAt, escalatedAt, onCall,
                category, null);
    }
}
