package io.vigil.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.reporting.assurance.AssuranceRecords;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The report's figures against a generated register of a random trust: counts, 4Cs, severities, outcomes,
 * referrals, parent contact, medians and 90th percentiles, trend and silent time, worked out independently in
 * plain Java, compared with what the report shows in its model, JSON, CSV and PDF, small counts included.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ReportFiguresTest {

    private static final Set<String> GOVERNOR = Set.of("governor");
    private static final Set<String> HEAD = Set.of("head");

    @Inject
    Reports reports;

    @Inject
    HtmlReport html;

    @Inject
    ObjectMapper json;

    @Inject
    TermsConfig terms;

    private Dataset data;

    @BeforeAll
    void insertDataset() {
        long seed = System.nanoTime();
        System.out.println("ReportFiguresTest dataset seed " + seed);
        data = new Dataset(seed, 200);
        data.insert();
    }

    @Test
    void aSchoolsYearReportShowsTheTrueFiguresInEveryFormat() throws Exception {
        String school = data.schools.get(0);
        Report report = reports.school(data.trustId, school, reports.period("2024-25"), GOVERNOR);
        Map<String, Map<String, List<String>>> expected = Expected.report(data, List.of(school),
                LocalDate.of(2024, 9, 1), LocalDate.of(2025, 9, 1), LocalDate.of(2023, 9, 1), LocalDate.of(2024, 9, 1),
                GOVERNOR, false);
        assertEveryFormat(report, expected);
        assertThat(report.previousPeriod().id()).isEqualTo("2023-24");
        assertThat(report.table("trend").columns()).contains("Academic year 2023-24");
    }

    @Test
    void theTrustReportAddsUpItsSchoolsAndBreaksThemDown() throws Exception {
        Report report = reports.trust(data.trustId, data.schools, reports.period("2024-25"), GOVERNOR);
        Map<String, Map<String, List<String>>> expected = Expected.report(data, data.schools,
                LocalDate.of(2024, 9, 1), LocalDate.of(2025, 9, 1), LocalDate.of(2023, 9, 1), LocalDate.of(2024, 9, 1),
                GOVERNOR, true);
        assertEveryFormat(report, expected);
        assertThat(report.table("by-school").rows()).extracting(row -> row.get(0)).containsExactlyElementsOf(data.schools);
    }

    @Test
    void aTermReportComparesWithThePreviousTerm() throws Exception {
        String school = data.schools.get(1);
        Report spring = reports.school(data.trustId, school, reports.period("2024-25-spring"), GOVERNOR);
        assertThat(spring.period().from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(spring.period().toExclusive()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(spring.previousPeriod().id()).isEqualTo("2024-25-autumn");
        assertEveryFormat(spring, Expected.report(data, List.of(school), LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 4, 1), LocalDate.of(2024, 9, 1), LocalDate.of(2025, 1, 1), GOVERNOR, false));

        Report autumn = reports.school(data.trustId, school, reports.period("2024-25-autumn"), GOVERNOR);
        assertThat(autumn.previousPeriod().id()).isEqualTo("2023-24-summer");
        assertEveryFormat(autumn, Expected.report(data, List.of(school), LocalDate.of(2024, 9, 1),
                LocalDate.of(2025, 1, 1), LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 1), GOVERNOR, false));
    }

    @Test
    void aQuietSchoolsSmallCountsAndTimesAreNotShown() throws Exception {
        String quiet = data.schools.get(2);
        Report report = reports.school(data.trustId, quiet, reports.period("2024-25"), GOVERNOR);
        assertEveryFormat(report, Expected.report(data, List.of(quiet), LocalDate.of(2024, 9, 1),
                LocalDate.of(2025, 9, 1), LocalDate.of(2023, 9, 1), LocalDate.of(2024, 9, 1), GOVERNOR, false));
        // Three incidents, each acknowledged and closed: nothing that would tell a governor it was three.
        assertThat(row(report, "summary", "Incidents opened")).containsExactly("fewer than 5");
        assertThat(row(report, "by-category", "bullying")).containsExactly("fewer than 5");
        assertThat(row(report, "response-times", "Time to acknowledge"))
                .containsExactly("fewer than 5", "not shown (fewer than 5)", "not shown (fewer than 5)");
        assertThat(row(report, "trend", "Incidents opened"))
                .containsExactly("fewer than 5", "fewer than 5", "not shown (fewer than 5)");
        for (ReportTable table : report.tables()) {
            for (List<String> row : table.rows()) {
                assertThat(row.subList(1, row.size())).as("%s in %s", row, table.key())
                        .noneMatch(cell -> cell.matches("[+-]?[1-4]"));
            }
        }
    }

    @Test
    void aSingleSmallSeverityTakesTheNextSmallestWithItSoItCannotBeWorkedOut() throws Exception {
        Map<String, Integer> severities = new LinkedHashMap<>();
        severities.put("critical", 3);
        severities.put("high", 12);
        severities.put("medium", 8);
        severities.put("low", 20);
        Dataset small = Dataset.withSeverities(20_251_124L, severities);
        small.insert();
        String school = small.schools.get(0);
        Report report = reports.school(small.trustId, school, reports.period("2024-25"), GOVERNOR);
        assertThat(ReportReading.model(report)).isEqualTo(Expected.report(small, List.of(school),
                LocalDate.of(2024, 9, 1), LocalDate.of(2025, 9, 1), LocalDate.of(2023, 9, 1),
                LocalDate.of(2024, 9, 1), GOVERNOR, false));

        String protects = "not shown (protects a small count)";
        assertThat(row(report, "summary", "Incidents opened")).containsExactly("43");
        assertThat(row(report, "by-severity", "critical")).containsExactly("fewer than 5");
        assertThat(row(report, "by-severity", "medium")).containsExactly(protects);
        assertThat(row(report, "by-severity", "high")).containsExactly("12");
        assertThat(row(report, "by-severity", "low")).containsExactly("20");
        assertThat(row(report, "trend", "Severity medium")).containsExactly(protects, "0", protects);
        assertThat(row(report, "trend", "Severity critical"))
                .containsExactly("fewer than 5", "0", "not shown (fewer than 5)");
        // What the shown figures leave: critical and medium together. Every small critical count (1 to 4)
        // fits it with a medium count of 5 or more, so the critical count cannot be told.
        long shown = report.table("by-severity").rows().stream().map(r -> r.get(1)).filter(c -> c.matches("\\d+"))
                .mapToLong(Long::parseLong).sum();
        long remainder = 43 - shown;
        for (int critical = 1; critical <= 4; critical++) {
            assertThat(remainder - critical).as("medium if critical were %s", critical).isGreaterThanOrEqualTo(5);
        }
        assertThat(report.notes()).anyMatch(note -> note.contains(protects));
        String csv = new String(CsvReport.render(report), StandardCharsets.UTF_8);
        assertThat(csv).contains(protects);
        for (ReportTable table : report.tables()) {
            ReportReading.assertPdfHasTable(ReportReading.pdfText(PdfReport.render(report)), table);
        }
    }

    @Test
    void aConcernAboutStaffCountsOnlyForTheRolesItWasRoutedTo() {
        List<String> school = List.of(data.schools.get(0), data.schools.get(1));
        LocalDate from = LocalDate.of(2023, 9, 1);
        LocalDate to = LocalDate.of(2025, 9, 1);
        long hidden = data.opened(school, from, to, HEAD).size() - data.opened(school, from, to, GOVERNOR).size();
        assertThat(hidden).as("the dataset has concerns about staff (seed %s)", data.seed).isPositive();
        for (String year : List.of("2023-24", "2024-25")) {
            ReportPeriod period = reports.period(year);
            Map<String, Map<String, List<String>>> expected = Expected.report(data, data.schools, period.from(),
                    period.toExclusive(), period.previous(terms).from(), period.from(), HEAD, true);
            assertThat(ReportReading.model(reports.trust(data.trustId, data.schools, period, HEAD)))
                    .isEqualTo(expected);
        }
    }

    @Test
    void nothingAboutAChildOrAnIncidentIsInAnyFormat() throws Exception {
        Report report = reports.trust(data.trustId, data.schools, reports.period("2024-25"), GOVERNOR);
        List<String> bodies = List.of(new String(html.render(report), StandardCharsets.UTF_8),
                new String(CsvReport.render(report), StandardCharsets.UTF_8),
                ReportReading.pdfText(PdfReport.render(report)), json.writeValueAsString(report));
        for (String body : bodies) {
            for (Dataset.Incident incident : data.incidents) {
                assertThat(body).doesNotContain(incident.id()).doesNotContain(incident.personId())
                        .doesNotContain(incident.sourceId());
            }
            assertThat(body).doesNotContain("pupil-").doesNotContain("appliance-");
        }
    }

    private static List<String> row(Report report, String table, String label) {
        return report.table(table).rows().stream().filter(r -> r.get(0).equals(label)).findFirst()
                .map(r -> r.subList(1, r.size())).orElseThrow();
    }

    @Test
    void theAssuranceSectionShowsTheSchoolsFilteringRegister() throws Exception {
        String school = data.schools.get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            AssuranceRecords.check(data.trustId, school, LocalDate.of(2024, 11, 5), "pass").persist();
            AssuranceRecords.check(data.trustId, school, LocalDate.of(2025, 3, 12), "fail").persist();
            AssuranceRecords.check(data.trustId, school, LocalDate.of(2023, 11, 5), "fail").persist();
            AssuranceRecords.review(data.trustId, school, LocalDate.of(2024, 10, 1), LocalDate.of(2025, 9, 30));
        });
        Report report = reports.school(data.trustId, school, reports.period("2024-25"), GOVERNOR);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        report.assurance().rows().forEach(row -> rows.put(row.get(0), row.subList(1, row.size())));
        assertThat(rows).containsEntry("Checks of filtering and monitoring done", List.of("2"))
                .containsEntry("Checks that failed", List.of("1"))
                .containsEntry("Latest annual review signed off", List.of("1 October 2024"))
                .containsEntry("Annual review overdue", List.of("no"))
                .containsEntry("Filtering changes asked for", List.of("0"));
        assertThat(ReportReading.pdfText(PdfReport.render(report))).contains("Checks that failed");
        assertThat(new String(CsvReport.render(report), StandardCharsets.UTF_8)).contains("Latest annual review signed off");
    }

    /** The model, the JSON, the CSV and the PDF each show exactly the expected tables. */
    private void assertEveryFormat(Report report, Map<String, Map<String, List<String>>> expected) throws Exception {
        String context = "dataset seed " + data.seed;
        assertThat(ReportReading.model(report)).as(context).isEqualTo(expected);
        assertThat(ReportReading.json(json.readTree(json.writeValueAsBytes(report)))).as(context).isEqualTo(expected);

        Map<String, List<List<String>>> csv = ReportReading.csvSections(CsvReport.render(report));
        Map<String, Map<String, List<String>>> fromCsv = new LinkedHashMap<>();
        for (ReportTable table : report.tables()) {
            List<List<String>> section = csv.get(table.title());
            assertThat(section).as("CSV section %s", table.title()).isNotNull();
            assertThat(section.get(0)).as("CSV header of %s", table.title()).isEqualTo(table.columns());
            Map<String, List<String>> rows = new LinkedHashMap<>();
            section.subList(1, section.size()).forEach(r -> rows.put(r.get(0), new ArrayList<>(r.subList(1, r.size()))));
            fromCsv.put(table.key(), rows);
        }
        assertThat(fromCsv).as(context).isEqualTo(expected);
        assertThat(csv).containsKey(Report.ASSURANCE_TITLE);

        String pdf = ReportReading.pdfText(PdfReport.render(report));
        for (ReportTable table : report.tables()) {
            ReportReading.assertPdfHasTable(pdf, table);
        }
        assertThat(pdf).contains(Report.ASSURANCE_TITLE);

        String page = new String(html.render(report), StandardCharsets.UTF_8);
        assertThat(page).contains("<h2>" + Report.ASSURANCE_TITLE + "</h2>");
        for (ReportTable table : report.tables()) {
            assertThat(page).contains("<h2>" + table.title() + "</h2>");
        }
    }
}
