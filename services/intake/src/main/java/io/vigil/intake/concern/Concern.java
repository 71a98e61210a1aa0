package io.vigil.intake.concern;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A concern a member of staff reported, as they wrote it. */
@Entity
@Table(name = "concern")
public class Concern extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "learner_id")
    public String learnerId;

    @Column(name = "learner_unknown", nullable = false)
    public boolean learnerUnknown;

    @Column(name = "concerns_staff_member", nullable = false)
    public boolean concernsStaffMember;

    @Column(name = "staff_member_id")
    public String staffMemberId;

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
