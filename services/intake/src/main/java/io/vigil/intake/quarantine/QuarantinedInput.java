package io.vigil.intake.quarantine;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Input that could not be read, with the reason, for a trust administrator to look at. */
@Entity
@Table(name = "quarantined_input")
public class QuarantinedInput extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(nullable = false)
    public String channel;

    @Column(name = "source_address")
    public String sourceAddress;

    @Column(name = "appliance_id")
    public String applianceId;

    @Column(name = "school_id")
    public String schoolId;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String excerpt;
}
