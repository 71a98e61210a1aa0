package io.vigil.triage.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** An alert as triage keeps it, linked to the incident it belongs to. */
@Entity
@Table(name = "incident_alert")
public class IncidentAlert extends PanacheEntityBase {

    @Id
    @Column(name = "alert_id")
    public String alertId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "appliance_id", nullable = false)
    public String applianceId;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    @Column(name = "source_kind", nullable = false)
    public String sourceKind;

    @Column(nullable = false)
    public String vendor;

    @Column(name = "vendor_category", nullable = false)
    public String vendorCategory;

    @Column(nullable = false)
    public String action;

    @Column(name = "url_host")
    public String urlHost;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /**
     * The stored alerts whose appliance and source event id are among these (a superset of the pairs
     * asked about: the caller matches the pairs).
     */
    public static List<IncidentAlert> storedAmong(Collection<String> applianceIds, Collection<String> sourceEventIds) {
        return list("applianceId in ?1 and sourceEventId in ?2", applianceIds, sourceEventIds);
    }
}
