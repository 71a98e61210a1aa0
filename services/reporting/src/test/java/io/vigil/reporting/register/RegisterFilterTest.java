package io.vigil.reporting.register;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.reporting.TestRows;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The register's filters and paging over a generated set of rows in a period of the past no other test uses:
 * what each filter must return is worked out here from the generated rows, not by reporting's code.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterFilterTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String REGISTER = "/api/v1/register/incidents";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");
    private static final List<String> STATUSES = List.of("open", "acknowledged", "closed");

    private final Random random = new Random();
    private final List<RegisterEntry> rows = new ArrayList<>();
    private LocalDate firstDay;
    private List<String> appliances;

    @BeforeAll
    void generate() {
        long seed = random.nextLong();
        random.setSeed(seed);
        System.out.println("RegisterFilterTest seed " + seed);
        do {
            firstDay = LocalDate.of(1990, 1, 1).plusDays(random.nextInt(9_000));
        } while (!TestRows.periodEmpty(DemoTrust.NORTH.id(), start(firstDay), start(firstDay.plusDays(60)))
                || !TestRows.periodEmpty(DemoTrust.SOUTH.id(), start(firstDay), start(firstDay.plusDays(60))));
        appliances = List.of("appl-" + random.nextInt(1_000_000), "appl-" + random.nextInt(1_000_000));
        PolicyCategory[] categories = PolicyCategory.values();
        for (int i = 0; i < 160; i++) {
            String school = i % 4 == 3 ? DemoTrust.SOUTH.id() : DemoTrust.NORTH.id();
            Instant opened = start(firstDay).plusSeconds(random.nextInt(60 * 86_400));
            rows.add(row(school, opened, categories[random.nextInt(categories.length)]));
        }
        // Exactly on the bounds the tests ask for: from is inclusive, to exclusive. Never restricted, so the DSL
        // the test lists them for may see them.
        for (int days : new int[] {10, 40}) {
            RegisterEntry bound = row(DemoTrust.NORTH.id(), start(firstDay.plusDays(days)), PolicyCategory.GAMBLING);
            bound.restricted = false;
            bound.routedTo = "dsl";
            bound.routedRoles = "dsl";
            rows.add(bound);
        }
        TestRows.insert(rows);
    }

    private RegisterEntry row(String school, Instant opened, PolicyCategory category) {
        RegisterEntry entry = TestRows.incident(DemoTrust.TRUST_ID, school, opened);
        entry.category = category.slug();
        entry.fourCs = category.fourCs().stream().map(FourCs::wireName).collect(Collectors.joining(","));
        entry.severity = SEVERITIES.get(random.nextInt(SEVERITIES.size()));
        entry.status = STATUSES.get(random.nextInt(STATUSES.size()));
        int source = random.nextInt(3);
        entry.sourceId = source == 2 ? null : appliances.get(source);
        if (random.nextInt(8) == 0) {
            // A concern about a member of staff, routed to the head alone.
            entry.restricted = true;
            entry.routedTo = "head";
            entry.routedRoles = "head";
        }
        return entry;
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(LONDON).toInstant();
    }

    /** The rows a user of the school with that role sees, opened in [from, to), matching, newest first. */
    private List<String> expected(String school, String role, LocalDate from, LocalDate to,
            Predicate<RegisterEntry> matching) {
        return rows.stream()
                .filter(r -> r.schoolId.equals(school))
                .filter(r -> !r.restricted || List.of(r.routedRoles.split(",")).contains(role))
                .filter(r -> !r.openedAt.isBefore(start(from)) && r.openedAt.isBefore(start(to)))
                .filter(matching)
                .sorted(Comparator.comparing((RegisterEntry r) -> r.openedAt).reversed()
                        .thenComparing(r -> r.incidentId))
                .map(r -> r.incidentId).toList();
    }

    private static Response list(String user, String query) {
        return given().auth().oauth2(Tokens.password(user)).when().get(REGISTER + "?" + query);
    }

    private List<String> listed(String user, String query) {
        Response response = list(user, query);
        assertThat(response.statusCode()).as(response.body().asString()).isEqualTo(200);
        List<String> ids = response.jsonPath().getList("incidentId", String.class);
        assertThat(response.header(RegisterResource.TOTAL_COUNT)).isEqualTo(Integer.toString(ids.size()));
        return ids;
    }

    @Test
    void theDatesBoundWhenTheIncidentOpenedFromInclusiveToExclusive() {
        LocalDate from = firstDay.plusDays(10);
        LocalDate to = firstDay.plusDays(40);
        List<String> expected = expected(DemoTrust.NORTH.id(), "dsl", from, to, r -> true);
        assertThat(listed("north.dsl", "size=500&from=" + from + "&to=" + to)).isEqualTo(expected);
        RegisterEntry onFrom = rows.get(rows.size() - 2);
        RegisterEntry onTo = rows.get(rows.size() - 1);
        assertThat(expected).contains(onFrom.incidentId).doesNotContain(onTo.incidentId);
        assertThat(expected.size()).isLessThan(expected(DemoTrust.NORTH.id(), "dsl", firstDay,
                firstDay.plusDays(60), r -> true).size());
        // Instants are accepted too.
        assertThat(listed("north.dsl", "size=500&from=" + start(from) + "&to=" + start(to))).isEqualTo(expected);
    }

    @Test
    void eachFilterNarrowsTheRowsToThoseMatchingIt() {
        LocalDate from = firstDay;
        LocalDate to = firstDay.plusDays(60);
        String period = "size=500&from=" + from + "&to=" + to;
        RegisterEntry sample = rows.stream().filter(r -> r.schoolId.equals(DemoTrust.NORTH.id()) && !r.restricted
                && !r.fourCs.isEmpty()).findFirst().orElseThrow();
        String fourC = sample.fourCs.split(",")[0];
        Map<String, Predicate<RegisterEntry>> filters = Map.of(
                "category=" + sample.category, r -> r.category.equals(sample.category),
                "fourCs=" + fourC, r -> List.of(r.fourCs.split(",")).contains(fourC),
                "severity=" + sample.severity, r -> r.severity.equals(sample.severity),
                "status=" + sample.status, r -> r.status.equals(sample.status),
                "source=" + appliances.get(0), r -> appliances.get(0).equals(r.sourceId),
                "source=concern", r -> r.sourceId == null,
                "severity=high&status=open&source=" + appliances.get(1),
                r -> r.severity.equals("high") && r.status.equals("open") && appliances.get(1).equals(r.sourceId));
        int all = expected(DemoTrust.NORTH.id(), "dsl", from, to, r -> true).size();
        filters.forEach((filter, matching) -> {
            for (String role : List.of("dsl", "head")) {
                List<String> expected = expected(DemoTrust.NORTH.id(), role, from, to, matching);
                assertThat(listed("north." + role, period + "&" + filter)).as(filter + " for " + role)
                        .isEqualTo(expected);
                assertThat(expected.size()).as(filter + " narrows").isLessThan(all);
            }
        });
        List<String> heads = expected(DemoTrust.NORTH.id(), "head", from, to, r -> true);
        assertThat(heads.size()).as("restricted rows are the head's alone").isGreaterThan(all);
    }

    @Test
    void theTrustLeadSeesEverySchoolOrTheOneAskedFor() {
        LocalDate to = firstDay.plusDays(60);
        String period = "size=500&from=" + firstDay + "&to=" + to;
        List<String> north = expected(DemoTrust.NORTH.id(), "trust-safeguarding-lead", firstDay, to, r -> true);
        List<String> south = expected(DemoTrust.SOUTH.id(), "trust-safeguarding-lead", firstDay, to, r -> true);
        assertThat(listed("north.trust-safeguarding-lead", period)).containsExactlyInAnyOrderElementsOf(
                concat(north, south));
        assertThat(listed("south.trust-safeguarding-lead", period + "&schoolId=" + DemoTrust.SOUTH.id()))
                .isEqualTo(south);
        assertThat(listed("south.dsl", period)).isEqualTo(expected(DemoTrust.SOUTH.id(), "dsl", firstDay, to,
                r -> true));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void pagesFollowOneAnotherWithTheTotalInAHeader() {
        LocalDate to = firstDay.plusDays(60);
        List<String> expected = expected(DemoTrust.NORTH.id(), "head", firstDay, to, r -> true);
        List<String> paged = new ArrayList<>();
        for (int page = 0;; page++) {
            Response response = list("north.head", "size=7&page=" + page + "&from=" + firstDay + "&to=" + to);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.header(RegisterResource.TOTAL_COUNT)).isEqualTo(Integer.toString(expected.size()));
            List<String> ids = response.jsonPath().getList("incidentId", String.class);
            if (ids.isEmpty()) {
                break;
            }
            assertThat(ids.size()).isLessThanOrEqualTo(7);
            paged.addAll(ids);
        }
        assertThat(paged).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is refused with the field {1}")
    @CsvSource(delimiter = '|', value = {
        "category=gamblin | category", "category=GAMBLING | category", "fourCs=contacts | fourCs",
        "severity=urgent | severity", "status=pending | status", "from=2026-13-01 | from", "to=yesterday | to",
        "from=2026-03-01&to=2026-03-01 | to", "from=2026-03-02&to=2026-03-01 | to", "from=2016-01-01&to=2026-01-01 | to",
        "source=a%20b | source", "size=501 | size", "size=0 | size", "page=-1 | page"
    })
    void badFiltersAreRefusedWithTheFieldNamed(String query, String field) {
        list("north.dsl", query).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem(field));
    }
}
