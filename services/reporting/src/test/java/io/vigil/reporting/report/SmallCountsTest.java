package io.vigil.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How figures are written: small counts, changes, times, hours and CSV fields. */
class SmallCountsTest {

    @Test
    void countsFromOneToFourAreFewerThanFive() {
        assertThat(SmallCounts.count(0)).isEqualTo("0");
        for (int n = 1; n <= 4; n++) {
            assertThat(SmallCounts.count(n)).isEqualTo("fewer than 5");
        }
        assertThat(SmallCounts.count(5)).isEqualTo("5");
        assertThat(SmallCounts.count(1234)).isEqualTo("1234");
    }

    @Test
    void aChangeIsShownOnlyWhenNeitherCountIsSmall() {
        assertThat(SmallCounts.change(12, 9)).isEqualTo("+3");
        assertThat(SmallCounts.change(9, 12)).isEqualTo("-3");
        assertThat(SmallCounts.change(7, 7)).isEqualTo("0");
        assertThat(SmallCounts.change(0, 0)).isEqualTo("0");
        assertThat(SmallCounts.change(0, 6)).isEqualTo("-6");
        assertThat(SmallCounts.change(9, 4)).isEqualTo("not shown (fewer than 5)");
        assertThat(SmallCounts.change(1, 0)).isEqualTo("not shown (fewer than 5)");
    }

    @Test
    void timesNeedFiveIncidents() {
        assertThat(SmallCounts.duration(0, null)).isEqualTo("none");
        assertThat(SmallCounts.duration(4, 600.0)).isEqualTo("not shown (fewer than 5)");
        assertThat(SmallCounts.duration(5, 600.0)).isEqualTo("10 min");
        assertThat(SmallCounts.duration(5, 3629.0)).isEqualTo("1 h 00 min");
        assertThat(SmallCounts.duration(5, 3630.0)).isEqualTo("1 h 01 min");
        assertThat(SmallCounts.duration(5, 90_000.0)).isEqualTo("25 h 00 min");
        assertThat(SmallCounts.hours(BigDecimal.valueOf(5400))).isEqualTo("1.5");
        assertThat(SmallCounts.hours(BigDecimal.ZERO)).isEqualTo("0.0");
    }

    @Test
    void csvFieldsAreQuotedWhenTheyMustBeAndNeverFormulas() {
        assertThat(CsvReport.field("plain")).isEqualTo("plain");
        assertThat(CsvReport.field("a, b")).isEqualTo("\"a, b\"");
        assertThat(CsvReport.field("say \"fewer than 5\"")).isEqualTo("\"say \"\"fewer than 5\"\"\"");
        assertThat(CsvReport.field("-3")).isEqualTo("-3");
        assertThat(CsvReport.field("+12")).isEqualTo("+12");
        assertThat(CsvReport.field("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(CsvReport.field("@SUM(1)")).isEqualTo("'@SUM(1)");
    }
}
