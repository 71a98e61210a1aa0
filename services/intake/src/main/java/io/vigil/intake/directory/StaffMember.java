package io.vigil.intake.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member of staff as the directory holds them, with their part in safeguarding. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String email;

    public String mobile;

    /** The wire name of a {@link io.vigil.contracts.directory.SafeguardingRole}. */
    @Column(name = "safeguarding_role", nullable = false)
    public String safeguardingRole;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
