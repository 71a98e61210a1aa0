package io.vigil.intake.appliance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A filtering or monitoring appliance registered for one school, with the hash of its API key. */
@Entity
@Table(name = "appliance")
public class Appliance extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String vendor;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "expected_heartbeat_seconds", nullable = false)
    public int expectedHeartbeatSeconds;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** The first characters of the current key: enough to recognise it, useless to an attacker. */
    @Column(name = "key_prefix", nullable = false)
    public String keyPrefix;

    @Column(name = "key_issued_at", nullable = false)
    public Instant keyIssuedAt;

    /** The HMAC-SHA256 secret requests must be signed with; null when the appliance does not sign. */
    @Column(name = "signing_secret")
    public String signingSecret;

    /** Since when the appliance has been silent for longer than its expected heartbeat; null otherwise. */
    @Column(name = "silent_since")
    public Instant silentSince;

    public static java.util.List<Appliance> listOfSchools(java.util.Collection<String> schoolIds) {
        return list("schoolId in ?1 order by schoolId, id", schoolIds);
    }

    public static Optional<Appliance> findActiveByKeyHash(String keyHash) {
        return find("keyHash = ?1 and revokedAt is null", keyHash).firstResultOptional();
    }
}
