package io.vigil.notification.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quiet hours within a day and across midnight. */
class QuietHoursTest {

    @ParameterizedTest(name = "{0}–{1} at {2}: {3}")
    @CsvSource({
        "18:00, 07:30, 21:15, true", "18:00, 07:30, 06:00, true", "18:00, 07:30, 07:30, false",
        "18:00, 07:30, 12:00, false", "18:00, 07:30, 18:00, true",
        "12:00, 13:00, 12:30, true", "12:00, 13:00, 13:00, false", "12:00, 13:00, 11:59, false",
        "00:00, 00:00, 12:00, false", "00:00, 00:00, 00:00, false", "18:00, 18:00, 18:30, false"
    })
    void quietHours(String from, String until, String at, boolean quiet) {
        assertThat(StaffAlertPlanner.inQuietHours(LocalTime.parse(from), LocalTime.parse(until), LocalTime.parse(at)))
                .isEqualTo(quiet);
    }
}
