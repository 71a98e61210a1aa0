package io.vigil.reporting.assurance;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.time.SchoolCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The filtering assurance register: checks and annual review sign-offs recorded (audited), and what
 * the register shows for a period ({@link #summary}), which the governor report reads. Periods are
 * dates in the schools' zone.
 */
@ApplicationScoped
public class AssuranceRegister {

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Inject
    SchoolCalendar calendar;

    /** Today in the schools' zone: the latest date a check or review can have been done. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(calendar.zone()));
    }

    /**
     * The register's counts for {@code schoolIds} of {@code trustId} from {@code from} (inclusive) to
     * {@code toExclusive}, and the state of their annual reviews at {@code toExclusive}. No schools
     * give zeros and no review overdue.
     */
    @Transactional
    public AssuranceSummary summary(String trustId, Collection<String> schoolIds, LocalDate from,
            LocalDate toExclusive) {
        Objects.requireNonNull(trustId, "trustId");
        Objects.requireNonNull(schoolIds, "schoolIds");
        if (!from.isBefore(toExclusive)) {
            throw new IllegalArgumentException("from " + from + " must be before " + toExclusive);
        }
        if (schoolIds.isEmpty()) {
            return new AssuranceSummary(0, 0, 0, 0, 0, null, false);
        }
        List<String> schools = List.copyOf(schoolIds);
        Instant start = from.atStartOfDay(calendar.zone()).toInstant();
        Instant end = toExclusive.atStartOfDay(calendar.zone()).toInstant();
        String inSchools = "trustId = ?1 and schoolId in ?2 and ";
        long requested = FilteringChange.count(inSchools + "requestedAt >= ?3 and requestedAt < ?4", trustId,
                schools, start, end);
        long approved = FilteringChange.count(inSchools + "status in ?3 and decidedAt >= ?4 and decidedAt < ?5",
                trustId, schools, List.of(FilteringChange.APPROVED, FilteringChange.APPLIED), start, end);
        long rejected = FilteringChange.count(inSchools + "status = ?3 and decidedAt >= ?4 and decidedAt < ?5",
                trustId, schools, FilteringChange.REJECTED, start, end);
        long checks = FilteringCheck.count(inSchools + "checkedOn >= ?3 and checkedOn < ?4", trustId, schools, from,
                toExclusive);
        long failed = FilteringCheck.count(inSchools + "result = 'fail' and checkedOn >= ?3 and checkedOn < ?4",
                trustId, schools, from, toExclusive);

        LocalDate oldestLatest = null;
        boolean anyWithout = false;
        boolean overdue = false;
        for (String school : schools) {
            Optional<AnnualReview> latest = latestReview(trustId, school, toExclusive);
            if (latest.isEmpty()) {
                anyWithout = true;
                overdue = true;
                continue;
            }
            AnnualReview review = latest.get();
            if (oldestLatest == null || review.reviewedOn.isBefore(oldestLatest)) {
                oldestLatest = review.reviewedOn;
            }
            if (review.reviewedOn.isBefore(toExclusive.minusYears(1)) || review.nextReviewDue.isBefore(toExclusive)) {
                overdue = true;
            }
        }
        return new AssuranceSummary(Math.toIntExact(requested), Math.toIntExact(approved), Math.toIntExact(rejected),
                Math.toIntExact(checks), Math.toIntExact(failed), anyWithout ? null : oldestLatest, overdue);
    }

    /** The school's latest sign-off reviewed before {@code before} (the later recorded one on the same date). */
    static Optional<AnnualReview> latestReview(String trustId, String schoolId, LocalDate before) {
        return AnnualReview.<AnnualReview>find("trustId = ?1 and schoolId = ?2 and reviewedOn < ?3 "
                + "order by reviewedOn desc, recordedAt desc, id desc", trustId, schoolId, before)
                .firstResultOptional();
    }

    /** Records a check as done and reported (audited); the caller has validated it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FilteringCheck recordCheck(String trustId, String schoolId, String actor, FilteringCheck check) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", check.method);
        details.put("result", check.result);
        details.put("checkedOn", check.checkedOn.toString());
        return record(trustId, schoolId, actor, check, "filtering-check.recorded", "filtering-check", details);
    }

    /** Records an annual review sign-off (audited); the caller has validated it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AnnualReview recordReview(String trustId, String schoolId, String actor, AnnualReview review) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reviewedOn", review.reviewedOn.toString());
        details.put("signerRole", review.signerRole);
        details.put("nextReviewDue", review.nextReviewDue.toString());
        return record(trustId, schoolId, actor, review, "filtering-review.signed-off", "filtering-annual-review",
                details);
    }

    private <T extends RecordedEntry> T record(String trustId, String schoolId, String actor, T entry, String action,
            String resourceType, Map<String, String> details) {
        entry.id = UUID.randomUUID();
        entry.trustId = trustId;
        entry.schoolId = schoolId;
        entry.recordedBy = actor;
        entry.recordedAt = clock.instant();
        entry.persist();
        audit.record(trustId, schoolId, actor, action, resourceType, entry.id.toString(), "success", details);
        return entry;
    }
}
