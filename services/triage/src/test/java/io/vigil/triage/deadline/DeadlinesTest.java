package io.vigil.triage.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.common.time.SchoolCalendar;
import io.vigil.contracts.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadlinesTest {

    private static final SchoolCalendar CALENDAR = new SchoolCalendar(ZoneId.of("Europe/London"), LocalTime.of(8, 0),
            LocalTime.of(16, 30), Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"),
                    LocalDate.parse("2027-01-01")),
            Set.of(LocalDate.parse("2026-12-21"), LocalDate.parse("2026-12-22"), LocalDate.parse("2026-12-23"),
                    LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-29"), LocalDate.parse("2026-12-30"),
                    LocalDate.parse("2026-12-31")));
    private static final Deadlines DEADLINES = new Deadlines(Duration.ofMinutes(15), Duration.ofHours(1),
            LocalTime.of(10, 0), LocalTime.of(16, 0), CALENDAR);

    @ParameterizedTest(name = "{0} opened {1} -> {2}")
    @CsvSource({
        "critical, 2026-11-18T10:00:00Z, 2026-11-18T10:15:00Z",
        "high,     2026-11-18T23:30:00Z, 2026-11-19T00:30:00Z",
        // Wednesday -> Thursday 10:00 London (GMT in November)
        "medium,   2026-11-18T10:00:00Z, 2026-11-19T10:00:00Z",
        // Friday -> Monday
        "medium,   2026-11-20T15:00:00Z, 2026-11-23T10:00:00Z",
        "low,      2026-11-20T15:00:00Z, 2026-11-23T16:00:00Z",
        // Friday before Christmas -> the first school day after the holidays and bank holidays
        "medium,   2026-12-18T12:00:00Z, 2027-01-04T10:00:00Z",
        // Summer time: 10:00 BST is 09:00Z
        "medium,   2026-06-10T12:00:00Z, 2026-06-11T09:00:00Z"
    })
    void acknowledgementDeadlinePerSeverity(String severity, Instant opened, Instant due) {
        assertThat(DEADLINES.acknowledgeBy(Severity.fromWire(severity), opened)).isEqualTo(due);
    }

    @ParameterizedTest(name = "LADO from {0} -> {1}")
    @CsvSource({
        "2026-11-18T10:00:00Z, 2026-11-19T16:30:00Z",
        "2026-11-20T10:00:00Z, 2026-11-23T16:30:00Z",
        // Term holidays are still working days; bank holidays are not
        "2026-12-21T10:00:00Z, 2026-12-22T16:30:00Z",
        "2026-12-24T10:00:00Z, 2026-12-29T16:30:00Z"
    })
    void theLadoMustBeConsultedByTheEndOfTheNextWorkingDay(Instant from, Instant due) {
        assertThat(CALENDAR.endOfNextWorkingDay(from)).isEqualTo(due);
    }

    @ParameterizedTest(name = "ladder of {0}")
    @CsvSource({"dsl, dsl|deputy-dsl|head|trust-safeguarding-lead", "head, head|trust-safeguarding-lead",
        "chair-of-governors, chair-of-governors|trust-safeguarding-lead"})
    void eachRouteHasItsLadder(String routedTo, String ladder) {
        assertThat(String.join("|", Deadlines.ladderOf(routedTo))).isEqualTo(ladder);
    }
}
