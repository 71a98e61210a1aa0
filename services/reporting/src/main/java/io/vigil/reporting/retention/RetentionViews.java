package io.vigil.reporting.retention;

import io.vigil.reporting.register.RegisterEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What the retention API answers with: ids, categories, dates; never concern text. */
public final class RetentionViews {

    private RetentionViews() {
    }

    /**
     * A record on the review list.
     *
     * @param dueForReview its retention date has passed (false for a date of birth unknown)
     * @param held a legal hold is in force on it or on its person: it may not be disposed of
     * @param personRemoved the person was removed from the directory (the record is kept all the same)
     */
    public record ReviewItem(String incidentId, String schoolId, String personId, String category, String severity,
            String status, Instant openedAt, Instant closedAt, String basis, LocalDate retainUntil,
            boolean dueForReview, boolean held, boolean personRemoved) {

        static ReviewItem of(RegisterEntry entry, DirectoryPerson person, Retention retention, LocalDate asOf,
                boolean held) {
            return new ReviewItem(entry.incidentId, entry.schoolId, entry.personId, entry.category, entry.severity,
                    entry.status, entry.openedAt, entry.closedAt, retention.basis(), retention.retainUntil(),
                    retention.dueOn(asOf), held, person != null && person.removed);
        }
    }

    /** A legal hold, in force while {@code releasedAt} is null. */
    public record HoldView(UUID id, String schoolId, String incidentId, String personId, String reason,
            String placedBy, Instant placedAt, String releasedBy, Instant releasedAt, String releaseReason) {

        static HoldView of(RetentionHold hold) {
            return new HoldView(hold.id, hold.schoolId, hold.incidentId, hold.personId, hold.reason, hold.placedBy,
                    hold.placedAt, hold.releasedBy, hold.releasedAt, hold.releaseReason);
        }
    }

    /** A disposal: what was removed from reporting and why it was due. */
    public record DisposalView(String incidentId, String schoolId, String basis, LocalDate retainUntil,
            int referralsRemoved, int notificationOutcomesRemoved, String disposedBy, Instant disposedAt) {
    }
}
