package io.vigil.reporting.assurance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Filtering changes, checks and annual reviews as tests write them straight into the register. */
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

    /**
     * A filtering change (not yet persisted) in {@code status}, asked for at {@code requestedAt}, decided at
     * {@code decidedAt} unless still requested, and applied an hour after its decision when applied.
     */
    public static FilteringChange change(String trust, String school, Instant requestedAt, String status,
            Instant decidedAt) {
        FilteringChange change = new FilteringChange();
        change.id = UUID.randomUUID();
        change.trustId = trust;
        change.schoolId = school;
        change.action = "allow";
        change.targetKind = "category";
        change.target = "Summary";
        change.reason = "Summary test";
        change.status = status;
        change.requestedBy = "asker";
        change.requestedAt = requestedAt;
        if (!status.equals(FilteringChange.REQUESTED)) {
            change.decidedBy = "decider";
            change.decidedAt = decidedAt;
        }
        if (status.equals(FilteringChange.APPLIED)) {
            change.appliedBy = "it";
            change.appliedAt = decidedAt.plus(1, ChronoUnit.HOURS);
        }
        return change;
    }
}
