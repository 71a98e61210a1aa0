package io.vigil.triage.taxonomy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** One version of a trust's or school's own mapping of a vendor category (normalised) onto a policy category. */
@Entity
@Table(name = "category_override")
public class CategoryOverride extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    /** Null for a trust-wide mapping. */
    @Column(name = "school_id")
    public String schoolId;

    @Column(nullable = false)
    public String vendor;

    @Column(name = "vendor_category", nullable = false)
    public String vendorCategory;

    @Column(name = "policy_category", nullable = false)
    public String policyCategory;

    @Column(nullable = false)
    public int version;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(nullable = false)
    public String reason;

    /** The newest version for this school, else for the trust, if any. */
    public static Optional<CategoryOverride> current(String trustId, String schoolId, String vendor,
            String normalisedCategory) {
        Optional<CategoryOverride> school = find("trustId = ?1 and schoolId = ?2 and vendor = ?3 and vendorCategory = ?4 "
                + "order by version desc", trustId, schoolId, vendor, normalisedCategory).firstResultOptional();
        return school.isPresent() ? school : find("trustId = ?1 and schoolId is null and vendor = ?2 "
                + "and vendorCategory = ?3 order by version desc", trustId, vendor, normalisedCategory)
                .firstResultOptional();
    }
}
