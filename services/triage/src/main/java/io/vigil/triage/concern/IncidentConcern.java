package io.vigil.triage.concern;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A concern staff reported, as part of the case (incident) it belongs to. */
@Entity
@Table(name = "incident_concern")
public class IncidentConcern extends PanacheEntityBase {

    @Id
    @Column(name = "concern_id")
    public String concernId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String account;

    public String location;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
