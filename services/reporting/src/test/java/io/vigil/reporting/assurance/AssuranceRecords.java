package io.vigil.reporting.assurance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Checks and annual reviews as tests write them straight into the register. */
public final class AssuranceRecords {

    private AssuranceRecords() {
    }

    /** A check (not yet persisted). */
    public static FilteringCheck check(String trust, String school, LocalDate on, String result) {
        FilteringCheck check = new FilteringCheck();
        check.id = UUID.randomUUID();
        check.trustId = trust;
        check.schoolId = school;
        check.checkedOn = on;
        check.method = "manual-category-test";
        check.performedBy = "IT";
        check.result = result;
        check.actionTaken = result.equals("pass") ? null : "Fixed";
        check.recordedBy = "recorder";
        check.recordedAt = Instant.now();
        return check;
    }

    /** Persists an annual review signed off on {@code on}, next due on {@code due}. */
    public static void review(String trust, String school, LocalDate on, LocalDate due) {
        AnnualReview review = new AnnualReview();
        review.id = UUID.randomUUID();
        review.trustId = trust;
        review.schoolId = school;
        review.reviewedOn = on;
        review.signedBy = "Chair";
        review.signerRole = "chair-of-governors";
        review.summary = "Reviewed";
        review.nextReviewDue = due;
        review.recordedBy = "recorder";
        review.recordedAt = Instant.now();
        review.persist();
    }
}
