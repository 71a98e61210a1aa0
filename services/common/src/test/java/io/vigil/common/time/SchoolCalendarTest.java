package io.vigil.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next school-day start, across evenings, weekends, bank holidays, term holidays and British Summer Time. */
class SchoolCalendarTest {

    private static final SchoolCalendar CALENDAR = SchoolCalendar.of(ZoneId.of("Europe/London"), LocalTime.of(8, 0),
            LocalTime.of(16, 30), List.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"),
                    LocalDate.parse("2027-05-03")),
            List.of("2027-02-15/2027-02-19", "none"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        // Tuesday evening → Wednesday 08:00 (GMT)
        "2026-11-24T19:00:00Z, 2026-11-25T08:00:00Z",
        // Early on a school day → that morning
        "2026-11-25T06:30:00Z, 2026-11-25T08:00:00Z",
        // During the school day → now
        "2026-11-25T10:15:00Z, 2026-11-25T10:15:00Z",
        // Friday evening → Monday
        "2026-11-27T17:00:00Z, 2026-11-30T08:00:00Z",
        // Christmas Eve (Thursday) evening: Christmas Day and Boxing Day substitute are bank holidays
        "2026-12-24T18:00:00Z, 2026-12-29T08:00:00Z",
        // Half term (15-19 February) → the Monday after
        "2027-02-15T09:00:00Z, 2027-02-22T08:00:00Z",
        // Saturday before the early May bank holiday, in British Summer Time (08:00 BST = 07:00Z)
        "2027-05-01T12:00:00Z, 2027-05-04T07:00:00Z"
    })
    void theNextSchoolDayStart(String from, String expected) {
        assertThat(CALENDAR.nextSchoolDayStart(Instant.parse(from))).isEqualTo(Instant.parse(expected));
    }
}
