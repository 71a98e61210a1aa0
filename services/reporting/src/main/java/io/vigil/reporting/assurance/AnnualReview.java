package io.vigil.reporting.assurance;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** The sign-off of a school's annual review of filtering and monitoring; a later one supersedes it. */
@Entity
@Immutable
@Table(name = "filtering_annual_review")
public class AnnualReview extends RecordedEntry {

    /** The roles a sign-off may be made in. */
    public static final List<String> SIGNER_ROLES = List.of("head", "dsl", "safeguarding-governor",
            "chair-of-governors", "trust-safeguarding-lead", "trust-it-lead");

    @Column(name = "reviewed_on", nullable = false)
    public LocalDate reviewedOn;

    @Column(name = "signed_by", nullable = false)
    public String signedBy;

    @Column(name = "signer_role", nullable = false)
    public String signerRole;

    @Column(nullable = false)
    public String summary;

    @Column(name = "next_review_due", nullable = false)
    public LocalDate nextReviewDue;

    static List<AnnualReview> list(String trustId, String schoolId, int pageIndex, int pageSize) {
        return find("trustId = ?1 and schoolId = ?2", Sort.descending("reviewedOn", "recordedAt").and("id"),
                trustId, schoolId).page(Page.of(pageIndex, pageSize)).list();
    }
}
