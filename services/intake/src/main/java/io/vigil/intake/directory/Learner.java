package io.vigil.intake.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A learner as the directory holds them: ids, year group, date of birth and flags; never a name. */
@Entity
@Table(name = "learner")
public class Learner extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "year_group", nullable = false)
    public String yearGroup;

    @Column(name = "date_of_birth", nullable = false)
    public LocalDate dateOfBirth;

    @Column(nullable = false)
    public boolean send;

    @Column(name = "looked_after", nullable = false)
    public boolean lookedAfter;

    @Column(name = "child_protection_plan", nullable = false)
    public boolean childProtectionPlan;

    @Column(nullable = false)
    public boolean eal;

    @Column(name = "home_language")
    public String homeLanguage;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "guardian_ids", nullable = false, columnDefinition = "text[]")
    public List<String> guardianIds;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
