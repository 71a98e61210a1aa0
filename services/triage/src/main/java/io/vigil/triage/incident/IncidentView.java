package io.vigil.triage.incident;

import java.time.Instant;
import java.util.List;

/** An incident as the DSL's case list shows it. */
public record IncidentView(String id, String schoolId, String category, String severity,
        List<String> severityReasons, String status, String routedTo, String subjectRef, int alertCount,
        Instant firstSeenAt, Instant lastSeenAt, Instant openedAt) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.id.toString(), incident.schoolId, incident.category, incident.severity,
                List.of(incident.severityReasons.split("\n")), incident.status, incident.routedTo,
                incident.subjectRef, incident.alertCount, incident.firstSeenAt, incident.lastSeenAt,
                incident.openedAt);
    }
}
