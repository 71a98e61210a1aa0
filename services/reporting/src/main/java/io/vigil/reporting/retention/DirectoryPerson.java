package io.vigil.reporting.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A person of the directory feed as reporting knows them: a learner's date of birth (for retention), or
 * that an id belongs to a member of staff or a parent or carer (so subject access names them by role).
 * A removed person keeps their row: the records about them are kept regardless.
 */
@Entity
@Table(name = "directory_person")
public class DirectoryPerson extends PanacheEntityBase {

    public static final String LEARNER = "learner";
    public static final String GUARDIAN = "guardian";
    public static final String STAFF = "staff";

    @Id
    @Column(name = "person_id")
    public String personId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    /** {@link #LEARNER}, {@link #GUARDIAN} or {@link #STAFF}. */
    @Column(nullable = false)
    public String kind;

    /** A learner's date of birth; null for anyone else. */
    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    /** A member of staff's part in safeguarding ({@code none}, {@code dsl}, {@code head}, ...). */
    @Column(name = "safeguarding_role")
    public String safeguardingRole;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The person with this id in this trust, or null. */
    public static DirectoryPerson inTrust(String trustId, String personId) {
        DirectoryPerson person = findById(personId);
        return person != null && person.trustId.equals(trustId) ? person : null;
    }
}
