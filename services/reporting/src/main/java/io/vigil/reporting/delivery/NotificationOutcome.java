package io.vigil.reporting.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last known state of one notification (one message to one recipient on one channel). */
@Entity
@Table(name = "notification_outcome")
public class NotificationOutcome extends PanacheEntityBase {

    public static final String REQUESTED = "requested";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "notification_id")
    public String notificationId;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String channel;

    /** {@link #REQUESTED}, {@link #DELIVERED} or {@link #FAILED}. */
    @Column(nullable = false)
    public String state;

    /** A failure the provider will not get over by retrying (an invalid address, a refusal). */
    @Column(nullable = false)
    public boolean permanent;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "settled_at")
    public Instant settledAt;
}
