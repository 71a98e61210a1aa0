package io.vigil.notification.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A parent or carer from the directory feed. Only a guardian with parental responsibility and no
 * "do not contact" flag may ever be sent a message.
 */
@Entity
@Table(name = "guardian")
public class Guardian extends PanacheEntityBase {

    @Id
    @Column(name = "person_id")
    public String personId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    public String mobile;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    @Column(name = "parental_responsibility", nullable = false)
    public boolean parentalResponsibility;

    @Column(name = "do_not_contact", nullable = false)
    public boolean doNotContact;

    @Column(nullable = false)
    public boolean removed;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "guardian_learner", joinColumns = @JoinColumn(name = "guardian_id"))
    @Column(name = "learner_id")
    public Set<String> learnerIds = new HashSet<>();

    /** Why this guardian must not be sent a message about the school's learner, or null when one may be. */
    public String whyNotContactable(String trustId, String schoolId) {
        if (removed || !this.trustId.equals(trustId) || !this.schoolId.equals(schoolId)) {
            return "is not a guardian of a learner at this school";
        }
        if (doNotContact) {
            return "is flagged 'do not contact'";
        }
        if (!parentalResponsibility) {
            return "does not hold parental responsibility";
        }
        if (email == null && mobile == null) {
            return "has no e-mail address or mobile number";
        }
        return null;
    }
}
