package io.vigil.reporting.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The IRMS retention dates, exactly: a record is kept until its date and due for review the day after. */
class RetentionTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "born {0}: kept until {1}")
    @CsvSource({
        // 29 February in a year without one: 1 March, never less than 25 full years.
        "2008-02-29, 2033-03-01",
        // 2012 + 25 = 2037, not a leap year either.
        "2012-02-29, 2037-03-01",
        // A leap year + 25 is never a leap year: always 1 March.
        "1996-02-29, 2021-03-01",
        "2000-02-29, 2025-03-01",
        "2008-02-28, 2033-02-28",
        "2008-03-01, 2033-03-01",
        // Crossing a year end and a century.
        "2010-12-31, 2035-12-31",
        "1999-12-31, 2024-12-31",
        "1975-01-01, 2000-01-01",
    })
    void aLearnersRecordIsKeptUntilTheir25thBirthday(LocalDate born, LocalDate keptUntil) {
        Retention retention = Retention.of(false, born, null, LONDON);
        assertThat(retention.basis()).isEqualTo(Retention.LEARNER);
        assertThat(retention.retainUntil()).isEqualTo(keptUntil);
        assertThat(retention.dueOn(keptUntil)).as("kept on its last day").isFalse();
        assertThat(retention.dueOn(keptUntil.minusDays(1))).isFalse();
        assertThat(retention.dueOn(keptUntil.plusDays(1))).as("due the day after").isTrue();
        assertThat(retention.listedOn(keptUntil)).isFalse();
        assertThat(retention.listedOn(keptUntil.plusDays(1))).isTrue();
    }

    @ParameterizedTest(name = "born {0}: at least 25 full years")
    @CsvSource({"2008-02-29", "2012-02-29", "2000-02-29", "2008-02-28", "2008-03-01", "2010-12-31"})
    void neverShorterThan25FullYears(LocalDate born) {
        LocalDate keptUntil = Retention.learnerRetainUntil(born);
        assertThat(java.time.Period.between(born, keptUntil).getYears()).isGreaterThanOrEqualTo(25);
        assertThat(java.time.Period.between(born, keptUntil.minusDays(1)).getYears()).isEqualTo(24);
    }

    @Test
    void anUnknownDateOfBirthIsKeptAndListedForReviewButNeverDue() {
        Retention retention = Retention.of(false, null, Instant.parse("2001-01-01T00:00:00Z"), LONDON);
        assertThat(retention.basis()).isEqualTo(Retention.DATE_OF_BIRTH_UNKNOWN);
        assertThat(retention.retainUntil()).isNull();
        assertThat(retention.dueOn(LocalDate.of(2400, 1, 1))).isFalse();
        assertThat(retention.listedOn(LocalDate.of(2026, 1, 1))).isTrue();
    }

    @ParameterizedTest(name = "allegation closed {0}: kept until {1}")
    @CsvSource({
        "2020-06-30T12:00:00Z, 2030-06-30",
        // 23:30 UTC on 31 March 2021 is already 1 April in London (summer time).
        "2021-03-31T23:30:00Z, 2031-04-01",
        "2024-02-29T10:00:00Z, 2034-03-01",
    })
    void anAllegationAboutStaffIsKeptTenYearsFromClosing(Instant closedAt, LocalDate keptUntil) {
        // The date of birth of whoever is named plays no part: the staff rule applies.
        Retention retention = Retention.of(true, LocalDate.of(1960, 1, 1), closedAt, LONDON);
        assertThat(retention.basis()).isEqualTo(Retention.STAFF_ALLEGATION);
        assertThat(retention.retainUntil()).isEqualTo(keptUntil);
        assertThat(retention.dueOn(keptUntil.plusDays(1))).isTrue();
        assertThat(retention.dueOn(keptUntil)).isFalse();
    }

    @Test
    void anOpenAllegationIsKeptAndNotListed() {
        Retention retention = Retention.of(true, null, null, LONDON);
        assertThat(retention.basis()).isEqualTo(Retention.STAFF_ALLEGATION_OPEN);
        assertThat(retention.listedOn(LocalDate.of(2400, 1, 1))).isFalse();
    }
}
