package io.vigil.reporting.assurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link AssuranceRegister#summary} against rows written straight into the register for a trust and
 * schools of this test alone, with the expected counts worked out here from the rows themselves.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AssuranceSummaryTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** A school year: the period starts and ends on dates whose midnights in London are not UTC midnights. */
    private static final LocalDate FROM = LocalDate.of(2025, 9, 1);
    private static final LocalDate TO = LocalDate.of(2026, 9, 1);

    @Inject
    AssuranceRegister register;

    @Test
    void changesAndChecksAreCountedByWhenTheyHappenedWithinTheTrustAndSchoolsAsked() {
        String trust = "summary-trust-" + UUID.randomUUID();
        String first = "summary-school-a-" + UUID.randomUUID();
        String second = "summary-school-b-" + UUID.randomUUID();
        String notAsked = "summary-school-c-" + UUID.randomUUID();
        Random random = new Random(20260901L);
        Instant start = FROM.atStartOfDay(LONDON).toInstant();
        Instant end = TO.atStartOfDay(LONDON).toInstant();

        List<FilteringChange> changes = new ArrayList<>();
        List<FilteringCheck> checks = new ArrayList<>();
        for (String[] place : new String[][] {{trust, first}, {trust, second}, {trust, notAsked},
                {"another-" + trust, first}}) {
            // Around the period's edges: the first and last microsecond in, the ones either side out.
            for (Instant at : List.of(start, start.minusNanos(1000), end, end.minusNanos(1000))) {
                changes.add(AssuranceRecords.change(place[0], place[1], at, FilteringChange.APPROVED, at));
            }
            for (int i = 0; i < 60; i++) {
                Instant requested = start.minus(60, ChronoUnit.DAYS)
                        .plus(random.nextInt(480 * 24), ChronoUnit.HOURS).plusSeconds(random.nextInt(3600));
                String status = FilteringChange.STATUSES.get(random.nextInt(4));
                changes.add(AssuranceRecords.change(place[0], place[1], requested, status,
                        requested.plus(random.nextInt(24 * 40), ChronoUnit.HOURS)));
            }
            for (LocalDate on : List.of(FROM, FROM.minusDays(1), TO, TO.minusDays(1))) {
                checks.add(AssuranceRecords.check(place[0], place[1], on, "fail"));
            }
            for (int i = 0; i < 40; i++) {
                checks.add(AssuranceRecords.check(place[0], place[1], FROM.minusDays(60).plusDays(random.nextInt(480)),
                        FilteringCheck.RESULTS.get(random.nextInt(3))));
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            changes.forEach(c -> c.persist());
            checks.forEach(c -> c.persist());
        });

        Set<String> asked = Set.of(first, second);
        List<FilteringChange> mine = changes.stream().filter(c -> c.trustId.equals(trust)
                && asked.contains(c.schoolId)).toList();
        List<FilteringCheck> myChecks = checks.stream().filter(c -> c.trustId.equals(trust)
                && asked.contains(c.schoolId)).toList();
        int requested = (int) mine.stream().filter(c -> within(c.requestedAt, start, end)).count();
        int approved = (int) mine.stream().filter(c -> (c.status.equals("approved") || c.status.equals("applied"))
                && within(c.decidedAt, start, end)).count();
        int rejected = (int) mine.stream().filter(c -> c.status.equals("rejected") && within(c.decidedAt, start, end))
                .count();
        int done = (int) myChecks.stream().filter(c -> !c.checkedOn.isBefore(FROM) && c.checkedOn.isBefore(TO))
                .count();
        int failed = (int) myChecks.stream().filter(c -> !c.checkedOn.isBefore(FROM) && c.checkedOn.isBefore(TO)
                && c.result.equals("fail")).count();
        assertThat(requested).isPositive();
        assertThat(approved).isPositive();
        assertThat(rejected).isPositive();
        assertThat(failed).isPositive().isLessThan(done);

        AssuranceSummary summary = register.summary(trust, asked, FROM, TO);
        assertThat(summary.changesRequested()).isEqualTo(requested);
        assertThat(summary.changesApproved()).isEqualTo(approved);
        assertThat(summary.changesRejected()).isEqualTo(rejected);
        assertThat(summary.checksDone()).isEqualTo(done);
        assertThat(summary.checksFailed()).isEqualTo(failed);
        assertThat(summary.lastAnnualReview()).isNull();
        assertThat(summary.annualReviewOverdue()).isTrue();

        AssuranceSummary justFirst = register.summary(trust, List.of(first), FROM, TO);
        assertThat(justFirst.changesRequested()).isEqualTo((int) mine.stream()
                .filter(c -> c.schoolId.equals(first) && within(c.requestedAt, start, end)).count());
        assertThat(register.summary(trust, List.of(), FROM, TO))
                .isEqualTo(new AssuranceSummary(0, 0, 0, 0, 0, null, false));
        assertThatThrownBy(() -> register.summary(trust, asked, TO, FROM)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAnnualReviewIsOverdueWithoutASignOffInTheLastTwelveMonthsOrPastItsDueDate() {
        String trust = "summary-trust-" + UUID.randomUUID();
        String current = "current-" + UUID.randomUUID();
        String exactlyAYear = "exactly-a-year-" + UUID.randomUUID();
        String aDayTooOld = "a-day-too-old-" + UUID.randomUUID();
        String dueDatePassed = "due-date-passed-" + UUID.randomUUID();
        String supersededByLater = "superseded-" + UUID.randomUUID();
        String never = "never-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            AssuranceRecords.review(trust, current, TO.minusMonths(3), TO.plusMonths(9));
            AssuranceRecords.review(trust, exactlyAYear, TO.minusYears(1), TO);
            // Due after the period's end, so only its age makes it overdue.
            AssuranceRecords.review(trust, aDayTooOld, TO.minusYears(1).minusDays(1), TO.plusDays(1));
            AssuranceRecords.review(trust, dueDatePassed, TO.minusMonths(6), TO.minusDays(1));
            AssuranceRecords.review(trust, supersededByLater, TO.minusMonths(14), TO.minusMonths(2));
            AssuranceRecords.review(trust, supersededByLater, TO.minusMonths(2), TO.plusMonths(10));
            // Signed after the period: not known at its end.
            AssuranceRecords.review(trust, supersededByLater, TO, TO.plusMonths(12));
            // Another trust's sign-off for a school of the same id is not this school's.
            AssuranceRecords.review("another-" + trust, never, TO.minusMonths(1), TO.plusMonths(11));
        });

        assertReview(trust, current, TO.minusMonths(3), false);
        assertReview(trust, exactlyAYear, TO.minusYears(1), false);
        assertReview(trust, aDayTooOld, TO.minusYears(1).minusDays(1), true);
        assertReview(trust, dueDatePassed, TO.minusMonths(6), true);
        assertReview(trust, supersededByLater, TO.minusMonths(2), false);
        assertReview(trust, never, null, true);

        AssuranceSummary fine = register.summary(trust, List.of(current, supersededByLater, exactlyAYear), FROM, TO);
        assertThat(fine.lastAnnualReview()).isEqualTo(TO.minusYears(1));
        assertThat(fine.annualReviewOverdue()).isFalse();
        AssuranceSummary oneOverdue = register.summary(trust, List.of(current, dueDatePassed), FROM, TO);
        assertThat(oneOverdue.lastAnnualReview()).isEqualTo(TO.minusMonths(6));
        assertThat(oneOverdue.annualReviewOverdue()).isTrue();
        assertThat(register.summary(trust, List.of(current, never), FROM, TO).lastAnnualReview()).isNull();
    }

    private void assertReview(String trust, String school, LocalDate last, boolean overdue) {
        AssuranceSummary summary = register.summary(trust, List.of(school), FROM, TO);
        assertThat(summary.lastAnnualReview()).as(school).isEqualTo(last);
        assertThat(summary.annualReviewOverdue()).as(school).isEqualTo(overdue);
    }

    private static boolean within(Instant at, Instant start, Instant end) {
        return at != null && !at.isBefore(start) && at.isBefore(end);
    }
}
