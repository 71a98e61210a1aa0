package io.vigil.reporting.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The report endpoints: who may download which report, bad periods and formats, each format as served, the
 * served figures being the trust's own, and every download in the audit trail.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ReportResourceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    /** A year long past, where only this test writes the demo schools' rows. */
    private static final String PERIOD = "2019-20";
    private static final String NORTH = DemoTrust.NORTH.id();
    private static final String SOUTH = DemoTrust.SOUTH.id();

    private final Map<String, String> tokens = new HashMap<>();
    private final List<RegisterEntry> rows = new ArrayList<>();
    private final Instant started = Instant.now().minusSeconds(5);

    @Inject
    Reports reports;

    @Inject
    ObjectMapper json;

    @BeforeAll
    void insertDemoRows() {
        Instant opened = LocalDate.of(2019, 10, 7).atStartOfDay(Dataset.LONDON).toInstant().plusSeconds(36_000);
        for (int i = 0; i < 8; i++) {
            rows.add(row(DemoTrust.TRUST_ID, i % 3 == 0 ? SOUTH : NORTH, i % 2 == 0 ? "bullying" : "self-harm",
                    opened.plus(Duration.ofDays(i))));
        }
        QuarkusTransaction.requiringNew().run(() -> rows.forEach(entry -> entry.persist()));
    }

    @Test
    void governorsHeadsAndDslsGetTheirOwnSchoolsReport() {
        for (String user : List.of("north.governor", "north.head", "north.dsl")) {
            as(user).queryParam("format", "json").when().get(school(NORTH, PERIOD))
                    .then().statusCode(200).contentType("application/json")
                    .body("schoolId", equalTo(NORTH)).body("period.id", equalTo(PERIOD));
            as(user).when().get(school(SOUTH, PERIOD))
                    .then().statusCode(403).contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:forbidden"));
            as(user).when().get("/api/v1/reports/trust/" + PERIOD).then().statusCode(403).contentType(PROBLEM_JSON);
        }
        as("south.governor").queryParam("format", "json").when().get(school(SOUTH, PERIOD))
                .then().statusCode(200).body("schoolId", equalTo(SOUTH));
    }

    @Test
    void theTrustSafeguardingLeadGetsAnySchoolOfTheTrustAndTheTrustReport() throws Exception {
        for (String school : List.of(NORTH, SOUTH)) {
            as("north.trust-safeguarding-lead").queryParam("format", "json").when().get(school(school, PERIOD))
                    .then().statusCode(200).body("schoolId", equalTo(school));
        }
        JsonNode trust = json.readTree(as("south.trust-safeguarding-lead").queryParam("format", "json")
                .when().get("/api/v1/reports/trust/" + PERIOD).then().statusCode(200).extract().asByteArray());
        assertThat(trust.get("trustId").asText()).isEqualTo(DemoTrust.TRUST_ID);
        Map<String, Map<String, List<String>>> tables = ReportReading.json(trust);
        assertThat(tables.get("by-school")).containsOnlyKeys(NORTH, SOUTH);
        assertThat(tables).isEqualTo(ReportReading.model(reports.trust(DemoTrust.TRUST_ID, List.of(NORTH, SOUTH),
                reports.period(PERIOD), Set.of("trust-safeguarding-lead"))));
    }

    @Test
    void othersAreRefused() {
        given().when().get(school(NORTH, PERIOD)).then().statusCode(401).contentType(PROBLEM_JSON);
        given().when().get("/api/v1/reports/trust/" + PERIOD).then().statusCode(401).contentType(PROBLEM_JSON);
        for (String user : List.of("north.staff", "north.trust-admin", "north.deputy-dsl")) {
            as(user).when().get(school(NORTH, PERIOD)).then().statusCode(403).contentType(PROBLEM_JSON);
            as(user).when().get("/api/v1/reports/trust/" + PERIOD).then().statusCode(403).contentType(PROBLEM_JSON);
        }
    }

    @Test
    void anotherTrustsIncidentsAtTheSameSchoolNeverCount() throws Exception {
        String before = as("north.governor").queryParam("format", "json").when().get(school(NORTH, PERIOD))
                .then().statusCode(200).extract().asString();
        Instant opened = LocalDate.of(2019, 11, 4).atStartOfDay(Dataset.LONDON).toInstant();
        String otherTrust = "other-trust-" + UUID.randomUUID();
        List<RegisterEntry> foreign = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            foreign.add(row(otherTrust, NORTH, "weapons", opened.plus(Duration.ofHours(i))));
        }
        QuarkusTransaction.requiringNew().run(() -> foreign.forEach(entry -> entry.persist()));

        String after = as("north.governor").queryParam("format", "json").when().get(school(NORTH, PERIOD))
                .then().statusCode(200).extract().asString();
        assertThat(ReportReading.json(json.readTree(after))).isEqualTo(ReportReading.json(json.readTree(before)));
        assertThat(ReportReading.model(reports.school(otherTrust, NORTH, reports.period(PERIOD), Set.of("governor")))
                .get("by-category").get("weapons")).containsExactly("7");
    }

    @Test
    void eachFormatServesTheSameFiguresAndNothingAboutAChild() throws Exception {
        Report model = reports.school(DemoTrust.TRUST_ID, NORTH, reports.period(PERIOD), Set.of("governor"));
        Map<String, Map<String, List<String>>> expected = ReportReading.model(model);

        Response csv = as("north.governor").queryParam("format", "csv").when().get(school(NORTH, PERIOD));
        csv.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", startsWith("attachment; filename=\"online-safety-report-north-primary-2019-20.csv"));
        Map<String, List<List<String>>> sections = ReportReading.csvSections(csv.asByteArray());
        Map<String, Map<String, List<String>>> fromCsv = new LinkedHashMap<>();
        for (ReportTable table : model.tables()) {
            Map<String, List<String>> tableRows = new LinkedHashMap<>();
            sections.get(table.title()).stream().skip(1).forEach(r -> tableRows.put(r.get(0), r.subList(1, r.size())));
            fromCsv.put(table.key(), tableRows);
        }
        assertThat(fromCsv).isEqualTo(expected);

        byte[] pdf = as("north.governor").header("Accept", "application/pdf").when().get(school(NORTH, PERIOD))
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = ReportReading.pdfText(pdf);
        model.tables().forEach(table -> ReportReading.assertPdfHasTable(text, table));

        String page = as("north.governor").when().get(school(NORTH, PERIOD))
                .then().statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertThat(page).contains("<h1>" + model.title() + "</h1>").contains(Report.ASSURANCE_TITLE);
        String jsonBody = as("north.governor").header("Accept", "application/json").when().get(school(NORTH, PERIOD))
                .then().statusCode(200).contentType("application/json").extract().asString();
        assertThat(ReportReading.json(json.readTree(jsonBody))).isEqualTo(expected);

        for (String body : List.of(new String(csv.asByteArray(), StandardCharsets.UTF_8), text, page, jsonBody)) {
            for (RegisterEntry row : rows) {
                assertThat(body).doesNotContain(row.incidentId).doesNotContain(row.personId).doesNotContain(row.sourceId);
            }
            assertThat(body).doesNotContain("personId").doesNotContain("incidentId").doesNotContain("subjectRef");
        }
    }

    @Test
    void badPeriodsAndFormatsAreProblems() {
        for (String period : List.of("2025", "2025-27", "2025-26-winter", "1999-00", "2025-26-", "25-26", "2027-28",
                "2099-00", "2026-27-summer")) {
            as("north.governor").when().get(school(NORTH, period))
                    .then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:vigil:problem:validation")).body("errors.field", hasItem("period"));
            as("north.trust-safeguarding-lead").when().get("/api/v1/reports/trust/" + period)
                    .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("period"));
        }
        as("north.governor").queryParam("format", "xlsx").when().get(school(NORTH, PERIOD))
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors.field", hasItem("format"));
        // The period that has begun is reported so far.
        as("north.governor").queryParam("format", "json").when().get(school(NORTH, "2026-27"))
                .then().statusCode(200).body("period.id", equalTo("2026-27"));
    }

    @Test
    void everyDownloadAndRefusalIsInTheAuditTrail() {
        as("north.governor").queryParam("format", "csv").when().get(school(NORTH, PERIOD)).then().statusCode(200);
        as("north.governor").when().get(school(SOUTH, PERIOD)).then().statusCode(403);
        as("north.trust-safeguarding-lead").queryParam("format", "pdf").when().get("/api/v1/reports/trust/" + PERIOD)
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> as("north.head")
                .queryParam("action", "report.downloaded").queryParam("actor", "north.governor")
                .queryParam("from", started.toString())
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("find { it.resourceId == 'school:north-primary:2019-20' && it.details.format == 'csv' }"
                        + ".details.period", equalTo(PERIOD)));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> as("north.trust-safeguarding-lead")
                .queryParam("action", "report.downloaded").queryParam("from", started.toString())
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("find { it.resourceId == 'trust:demo-academy-trust:2019-20' && it.details.format == 'pdf' }"
                        + ".actor", equalTo("north.trust-safeguarding-lead"))
                .body("find { it.resourceId == 'school:south-academy:2019-20' && it.actor == 'north.governor' }"
                        + ".outcome", equalTo("denied")));
    }

    private static RegisterEntry row(String trustId, String schoolId, String category, Instant opened) {
        RegisterEntry entry = new RegisterEntry();
        entry.incidentId = UUID.randomUUID().toString();
        entry.trustId = trustId;
        entry.schoolId = schoolId;
        entry.category = category;
        entry.fourCs = "bullying".equals(category) ? "conduct,contact" : "content,conduct";
        entry.severity = "high";
        entry.status = "closed";
        entry.routedTo = "dsl";
        entry.routedRoles = "dsl";
        entry.personId = "pupil-" + UUID.randomUUID();
        entry.sourceId = "appliance-" + UUID.randomUUID();
        entry.alertCount = 1;
        entry.firstSeenAt = opened;
        entry.lastSeenAt = opened;
        entry.openedAt = opened;
        entry.updatedAt = opened;
        entry.acknowledgedAt = opened.plusSeconds(600);
        entry.closedAt = opened.plusSeconds(7200);
        entry.outcome = "handled-in-school";
        return entry;
    }

    private static String school(String schoolId, String period) {
        return "/api/v1/reports/schools/" + schoolId + "/" + period;
    }

    private RequestSpecification as(String user) {
        return given().auth().oauth2(tokens.computeIfAbsent(user, Tokens::password));
    }
}
