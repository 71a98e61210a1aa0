package io.vigil.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    /** Counts of a group whose total is shown, and how they must be written. */
    private record Group(List<Long> counts, List<String> texts) {
    }

    @Test
    void aLoneSmallCountOfAGroupTakesTheSmallestOtherCountWithIt() {
        String small = "fewer than 5";
        String protects = "not shown (protects a small count)";
        List<Group> cases = List.of(
                new Group(List.of(), List.of()),
                new Group(List.of(7L, 0L, 12L), List.of("7", "0", "12")),
                new Group(List.of(3L, 12L, 8L, 20L), List.of(small, "12", protects, "20")),
                new Group(List.of(20L, 5L, 1L), List.of("20", protects, small)),
                new Group(List.of(3L, 2L, 8L, 20L), List.of(small, small, "8", "20")),
                new Group(List.of(4L, 4L, 4L), List.of(small, small, small)),
                new Group(List.of(0L, 3L, 0L), List.of("0", small, "0")),
                new Group(List.of(2L), List.of(small)),
                new Group(List.of(9L, 1L, 9L, 15L), List.of(protects, small, "9", "15")),
                new Group(List.of(0L, 4L, 6L), List.of("0", small, protects)));
        for (Group group : cases) {
            assertThat(SmallCounts.group(group.counts())).as("%s", group.counts()).isEqualTo(group.texts());
        }
    }

    @Test
    void aChangeIsWithheldWhenEitherCountIs() {
        String protects = "not shown (protects a small count)";
        assertThat(SmallCounts.change(12, protects, 9, "9")).isEqualTo(protects);
        assertThat(SmallCounts.change(12, "12", 9, protects)).isEqualTo(protects);
        assertThat(SmallCounts.change(12, protects, 3, "fewer than 5")).isEqualTo("not shown (fewer than 5)");
        assertThat(SmallCounts.change(12, "12", 9, "9")).isEqualTo("+3");
    }

    @Test
    void aWithheldCountTooLongForItsColumnIsStillReadBackFromThePdf() {
        String protects = SmallCounts.PROTECTS;
        ReportTable bySchool = new ReportTable("by-school", "School by school", null, List.of("School", "Incidents",
                "Critical", "High", "Referrals", "False positives", "Closed", "Still open", "Silent hours"), List.of(
                        List.of("school-a", protects, protects, "15", protects, "fewer than 5", protects, "24", "0.0"),
                        List.of("school-b", "40", "fewer than 5", "12", "9", "0", "30", "10", "1.5")));
        ReportTable assurance = new ReportTable("assurance", Report.ASSURANCE_TITLE, "From the register.",
                List.of("Measure", "Value"), List.of(List.of("Checks that failed", "0")));
        ReportPeriod year = new ReportPeriod("2024-25", "Academic year 2024-25", LocalDate.of(2024, 9, 1),
                LocalDate.of(2025, 9, 1));
        ReportPeriod before = new ReportPeriod("2023-24", "Academic year 2023-24", LocalDate.of(2023, 9, 1),
                LocalDate.of(2024, 9, 1));
        Report report = new Report("Online safety report", "trust-a", null, List.of("school-a", "school-b"), year,
                before, Instant.parse("2025-09-02T08:00:00Z"), List.of("A note."), List.of(bySchool), assurance);
        ReportReading.assertPdfHasTable(ReportReading.pdfText(PdfReport.render(report)), bySchool);
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
