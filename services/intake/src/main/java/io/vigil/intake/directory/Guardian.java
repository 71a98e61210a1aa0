package io.vigil.intake.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A parent or carer as the directory holds them, with how (and whether) they may be contacted. */
@Entity
@Table(name = "guardian")
public class Guardian extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "learner_ids", nullable = false, columnDefinition = "text[]")
    public List<String> learnerIds;

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

    @Column(name = "do_not_contact_reason")
    public String doNotContactReason;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
