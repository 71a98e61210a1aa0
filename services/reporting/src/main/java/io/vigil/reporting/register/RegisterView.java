package io.vigil.reporting.register;

import java.time.Instant;

/**
 * A register row as the API shows it: no names, no concern text, not the person it is about.
 *
 * @param fourCs KCSIE's 4Cs of the category, comma-separated; empty for none
 * @param sourceId the appliance that raised it; null for a concern a member of staff reported
 * @param silenced a silence matched: recorded and counted, nobody told
 * @param outcome how the case ended, once closed
 */
public record RegisterView(String incidentId, String schoolId, String category, String fourCs, String severity,
        String status, String routedTo, String sourceId, boolean silenced, int alertCount, int escalations,
        Instant firstSeenAt, Instant openedAt, Instant acknowledgedAt, Instant closedAt, String outcome,
        Instant updatedAt) {

    static RegisterView of(RegisterEntry entry) {
        return new RegisterView(entry.incidentId, entry.schoolId, entry.category, entry.fourCs, entry.severity,
                entry.status, entry.routedTo, entry.sourceId, entry.silenced, entry.alertCount, entry.escalations,
                entry.firstSeenAt, entry.openedAt, entry.acknowledgedAt, entry.closedAt, entry.outcome,
                entry.updatedAt);
    }
}
