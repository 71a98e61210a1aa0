package io.vigil.reporting.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal hold on an incident's records, or on every incident about a person: nothing held is disposed of,
 * however long past its retention date. Released holds stay, with who released them and why.
 */
@Entity
@Table(name = "retention_hold")
public class RetentionHold extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    /** The school of the incident, or of the person (for the audit trail and the head's scope). */
    @Column(name = "school_id", nullable = false)
    public String schoolId;

    /** The incident held, or null when a person is. */
    @Column(name = "incident_id")
    public String incidentId;

    /** The person whose incidents are held, or null when one incident is. */
    @Column(name = "person_id")
    public String personId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "placed_by", nullable = false)
    public String placedBy;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(name = "released_by")
    public String releasedBy;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "release_reason")
    public String releaseReason;

    /** Whether a hold in force covers this incident, directly or through the person it is about. */
    public static boolean holds(String trustId, String incidentId, String personId) {
        return count("trustId = ?1 and releasedAt is null and (incidentId = ?2 or (personId is not null "
                + "and personId = ?3))", trustId, incidentId, personId == null ? "" : personId) > 0;
    }
}
