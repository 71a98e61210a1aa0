package io.vigil.notification.contact;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** A member of staff to notify at a school, by safeguarding role. */
@Entity
@Table(name = "school_contact")
@IdClass(SchoolContact.Key.class)
public class SchoolContact extends PanacheEntityBase {

    @Id
    @Column(name = "school_id")
    public String schoolId;

    @Id
    public String role;

    @Id
    public String email;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public static List<SchoolContact> withRole(String schoolId, String role) {
        return list("schoolId = ?1 and role = ?2 order by email", schoolId, role);
    }

    /** The composite key (school, role, e-mail). */
    public static class Key implements Serializable {
        public String schoolId;
        public String role;
        public String email;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(schoolId, key.schoolId)
                    && Objects.equals(role, key.role) && Objects.equals(email, key.email);
        }

        @Override
        public int hashCode() {
            return Objects.hash(schoolId, role, email);
        }
    }
}
