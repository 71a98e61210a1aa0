package io.vigil.notification.delivery;

import io.opentelemetry.context.Context;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;

/** A row of the delivery ledger: one notification to one recipient and where it stands. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    @Column(name = "notification_id")
    public UUID notificationId;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String channel;

    @Column(name = "recipient_ref", nullable = false)
    public String recipientRef;

    @Column(name = "recipient_address", nullable = false)
    public String recipientAddress;

    @Column(name = "template_id", nullable = false)
    public String templateId;

    /** The rendered subject, kept so a retry sends exactly what was decided. */
    @Column(nullable = false)
    public String subject;

    /** The rendered body: a link to the case, never the concern. */
    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String state;

    @Column(name = "provider_reference")
    public String providerReference;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Not before this instant (quiet hours); null: at once. */
    @Column(name = "deliver_after")
    public Instant deliverAfter;

    /** The language the message is written in. */
    public String language;

    /** The incident's severity when the message was decided. */
    public String severity;

    /** The text of a text message (SMS), rendered with the e-mail. */
    @Column(name = "short_text")
    public String shortText;

    /**
     * The trace this row is sent and recorded in, while it is in memory: the span of the incident
     * event it was planned for, then the span of its sending; none for a row read back to send later.
     */
    @Transient
    public Context trace;
}
