package io.vigil.triage.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.vigil.contracts.taxonomy.PolicyCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A silence, like Alertmanager's: alerts matching every one of its matchers (school, appliance,
 * policy category, user or device) between its start and end are still recorded and counted in
 * incidents, but nobody is told and nothing escalates. Who made it and why are kept; it ends at its
 * expiry or when someone expires it early. It never applies to illegal-content categories.
 */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    /** Null: every school of the trust. */
    @Column(name = "school_id")
    public String schoolId;

    @Column(name = "appliance_id")
    public String applianceId;

    /** A policy category slug. */
    public String category;

    /** A user name or device in lower case. */
    public String subject;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(nullable = false)
    public String reason;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "expired_by")
    public String expiredBy;

    /** What an alert offers to the matchers. */
    public record Facts(String trustId, String schoolId, String applianceId, PolicyCategory category, String userRef,
            String deviceRef, Instant at) {
    }

    /** Whether this silence silences an alert with these facts: illegal content never is. */
    public boolean matches(Facts alert) {
        if (alert.category().illegalContent() || !trustId.equals(alert.trustId()) || !activeAt(alert.at())) {
            return false;
        }
        return (schoolId == null || schoolId.equals(alert.schoolId()))
                && (applianceId == null || applianceId.equals(alert.applianceId()))
                && (category == null || category.equals(alert.category().slug()))
                && (subject == null || subject.equals(lower(alert.userRef())) || subject.equals(lower(alert.deviceRef())));
    }

    /** In force at {@code at}: started, not yet ended, not expired early before it. */
    public boolean activeAt(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt) && (expiredAt == null || at.isBefore(expiredAt));
    }

    /** {@code active}, {@code pending} or {@code expired} at {@code now}. */
    public String state(Instant now) {
        if (expiredAt != null && !now.isBefore(expiredAt) || !now.isBefore(endsAt)) {
            return "expired";
        }
        return now.isBefore(startsAt) ? "pending" : "active";
    }

    static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
