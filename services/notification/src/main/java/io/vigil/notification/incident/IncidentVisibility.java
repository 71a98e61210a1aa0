package io.vigil.notification.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Whether an incident notification saw opened is restricted (about a member of staff or the head,
 * ADR 0005). {@code IncidentEscalated} does not say, and a restricted incident never reaches a
 * webhook, so its escalations are recognised by this record. Once restricted, always restricted.
 */
@Entity
@Table(name = "incident_visibility")
public class IncidentVisibility extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public boolean restricted;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /**
     * Remembers an opened incident's visibility; a later opening never lifts a restriction.
     * {@code mayBeKnown} false says the incident is known not to be remembered yet (no read needed).
     */
    static void remember(String incidentId, String trustId, String schoolId, boolean restricted, Instant openedAt,
            boolean mayBeKnown) {
        IncidentVisibility seen = mayBeKnown ? findById(incidentId) : null;
        if (seen == null) {
            seen = new IncidentVisibility();
            seen.incidentId = incidentId;
            seen.trustId = trustId;
            seen.schoolId = schoolId;
            seen.openedAt = openedAt;
            seen.persist();
        }
        seen.restricted = seen.restricted || restricted;
    }

    /** Whether the incident was seen opened at this trust and school and is open to the school's webhooks. */
    static boolean unrestricted(String incidentId, String trustId, String schoolId) {
        IncidentVisibility seen = findById(incidentId);
        return seen != null && seen.trustId.equals(trustId) && seen.schoolId.equals(schoolId) && !seen.restricted;
    }
}
