package io.vigil.reporting.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An incident whose records were disposed of after review: ids and dates only, so that a late or replayed
 * event about it does not bring its register row back.
 */
@Entity
@Table(name = "retention_disposal")
public class RetentionDisposal extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String basis;

    @Column(name = "retain_until", nullable = false)
    public LocalDate retainUntil;

    @Column(nullable = false)
    public String reason;

    @Column(name = "disposed_by", nullable = false)
    public String disposedBy;

    @Column(name = "disposed_at", nullable = false)
    public Instant disposedAt;

    /**
     * Whether the incident was a concern about a member of staff, as the register said; null for a
     * disposal recorded before the disposal kept it.
     */
    public Boolean restricted;

    /** The roles the incident was routed to, comma-separated, as the register said; null as above. */
    @Column(name = "routed_roles")
    public String routedRoles;

    /** Whether the incident's records were disposed of. */
    public static boolean disposed(String incidentId) {
        return findById(incidentId) != null;
    }
}
