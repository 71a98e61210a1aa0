package io.vigil.notification.preference;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A member of staff's own channels for one severity, keyed by the e-mail address they are known by. */
@Entity
@Table(name = "staff_preference")
@IdClass(StaffPreference.Key.class)
public class StaffPreference extends PanacheEntityBase {

    @Id
    @Column(name = "trust_id")
    public String trustId;

    @Id
    public String email;

    @Id
    public String severity;

    @Column(nullable = false)
    public String channels;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The person's own channels for the severity, if they chose any. */
    public static Optional<Set<String>> of(String trustId, String email, String severity) {
        return find("trustId = ?1 and email = ?2 and severity = ?3", trustId, email.toLowerCase(Locale.ROOT), severity)
                .<StaffPreference>firstResultOptional().map(p -> ChannelPolicy.parse(p.channels));
    }

    public static class Key implements Serializable {
        public String trustId;
        public String email;
        public String severity;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(trustId, key.trustId) && Objects.equals(email, key.email)
                    && Objects.equals(severity, key.severity);
        }

        @Override
        public int hashCode() {
            return Objects.hash(trustId, email, severity);
        }
    }
}
