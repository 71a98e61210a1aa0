package io.vigil.reporting.register;

import java.time.Instant;

/** A register row as the API shows it: no names, no concern text. */
public record RegisterView(String incidentId, String schoolId, String category, String severity, String status,
        String routedTo, int alertCount, Instant firstSeenAt, Instant openedAt, Instant updatedAt) {

    static RegisterView of(RegisterEntry entry) {
        return new RegisterView(entry.incidentId, entry.schoolId, entry.category, entry.severity, entry.status,
                entry.routedTo, entry.alertCount, entry.firstSeenAt, entry.openedAt, entry.updatedAt);
    }
}
