package io.vigil.triage.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** What triage knows of a person from the directory feed: only what scoring and routing need. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String kind;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    @Column(nullable = false)
    public boolean send;

    @Column(name = "looked_after", nullable = false)
    public boolean lookedAfter;

    @Column(name = "child_protection_plan", nullable = false)
    public boolean childProtectionPlan;

    @Column(name = "safeguarding_role")
    public String safeguardingRole;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The person of this school, unless removed. */
    public static Person ofSchool(String id, String schoolId) {
        if (id == null) {
            return null;
        }
        Person person = findById(id);
        return person != null && !person.removed && person.schoolId.equals(schoolId) ? person : null;
    }
}
