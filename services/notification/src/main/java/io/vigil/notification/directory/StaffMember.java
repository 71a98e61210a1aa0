package io.vigil.notification.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** A member of staff from the directory feed: how to reach them, and their part in safeguarding. */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    /** The trust-wide role: its holders are found across the trust's schools. */
    public static final String TRUST_LEAD = "trust-safeguarding-lead";

    @Id
    @Column(name = "person_id")
    public String personId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public String email;

    public String mobile;

    @Column(name = "safeguarding_role", nullable = false)
    public String safeguardingRole;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The staff of the school holding {@code role}; the trust safeguarding lead from any school of the trust. */
    public static List<StaffMember> withRole(String trustId, String schoolId, String role) {
        return TRUST_LEAD.equals(role)
                ? list("trustId = ?1 and safeguardingRole = ?2 and removed = false order by email", trustId, role)
                : list("trustId = ?1 and schoolId = ?2 and safeguardingRole = ?3 and removed = false order by email",
                        trustId, schoolId, role);
    }

    /** The given staff of the trust who are still in the directory. */
    public static List<StaffMember> ofTrust(String trustId, Collection<String> personIds) {
        return personIds.isEmpty() ? List.of()
                : list("trustId = ?1 and personId in ?2 and removed = false order by email", trustId, personIds);
    }
}
