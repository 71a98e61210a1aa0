package io.vigil.reporting.register;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A referral made in a case: the agency and when, never the agency's reference. */
@Entity
@Table(name = "register_referral")
public class Referral extends PanacheEntityBase {

    /** The event that recorded it: a case may refer to the same agency twice. */
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(nullable = false)
    public String agency;

    @Column(name = "referred_at", nullable = false)
    public Instant referredAt;
}
