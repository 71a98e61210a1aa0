package io.vigil.reporting.kpi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.TestRows;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The KPIs over a generated set of incidents and notifications in a period of the past no other test uses;
 * every expected figure (medians and 90th percentiles included) is worked out here in plain Java.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiTest {

    /** Decimals read as doubles, as they were written (JsonPath reads floats by default). */
    static final JsonPathConfig JSON_DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    private static final String KPIS = "/api/v1/kpis";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> CATEGORIES = List.of("gambling", "self-harm", "bullying");
    private static final List<String> SEVERITIES = List.of("low", "medium", "high", "critical");

    private final Random random = new Random();
    private final List<RegisterEntry> incidents = new ArrayList<>();
    private final List<NotificationOutcome> notifications = new ArrayList<>();
    private Instant from;
    private Instant to;

    @BeforeAll
    void generate() {
        long seed = random.nextLong();
        random.setSeed(seed);
        System.out.println("KpiTest seed " + seed);
        do {
            from = Instant.parse("1995-01-01T00:00:00Z").plus(random.nextInt(8_000), ChronoUnit.DAYS);
            to = from.plus(Duration.ofDays(30));
        } while (!TestRows.periodEmpty(DemoTrust.NORTH.id(), from, to.plus(Duration.ofDays(1)))
                || !TestRows.periodEmpty(DemoTrust.SOUTH.id(), from, to.plus(Duration.ofDays(1))));
        for (DemoTrust.School school : DemoTrust.SCHOOLS) {
            List<String> appliances = List.of("appl-" + random.nextInt(1_000_000), "appl-" + random.nextInt(1_000_000));
            int count = school == DemoTrust.NORTH ? 70 : 45;
            for (int i = 0; i < count; i++) {
                RegisterEntry incident = TestRows.incident(DemoTrust.TRUST_ID, school.id(),
                        from.plusSeconds(random.nextInt(30 * 86_400)));
                // One category rarely, so that a governor's view has small counts to withhold.
                incident.category = CATEGORIES.get(i % 25 == 0 ? 2 : random.nextInt(2));
                incident.severity = SEVERITIES.get(random.nextInt(SEVERITIES.size()));
                incident.sourceId = random.nextInt(5) == 0 ? null : appliances.get(random.nextInt(2));
                incident.restricted = random.nextInt(10) == 0;
                incident.silenced = random.nextInt(10) == 0;
                if (i % 25 == 0 || random.nextInt(5) > 0) {
                    incident.acknowledgedAt = incident.openedAt.plusSeconds(1 + random.nextInt(200_000));
                    incident.status = "acknowledged";
                    if (random.nextInt(3) > 0) {
                        incident.closedAt = incident.acknowledgedAt.plusSeconds(random.nextInt(1_000_000));
                        incident.status = "closed";
                        incident.outcome = random.nextInt(3) == 0 ? "false-positive" : "handled-in-school";
                    }
                }
                incidents.add(incident);
            }
            // Opened after the period: counted in none of its figures.
            RegisterEntry later = TestRows.incident(DemoTrust.TRUST_ID, school.id(), to);
            later.acknowledgedAt = to.plusSeconds(5);
            incidents.add(later);
            for (int i = 0; i < 40; i++) {
                String channel = random.nextBoolean() ? "email" : "sms";
                String state = random.nextInt(4) == 0 ? NotificationOutcome.FAILED : NotificationOutcome.DELIVERED;
                notifications.add(TestRows.notification(DemoTrust.TRUST_ID, school.id(), channel, state,
                        from.plusSeconds(random.nextInt(30 * 86_400))));
            }
            NotificationOutcome pending = TestRows.notification(DemoTrust.TRUST_ID, school.id(), "email",
                    NotificationOutcome.REQUESTED, from.plusSeconds(60));
            pending.settledAt = null;
            notifications.add(pending);
            notifications.add(TestRows.notification(DemoTrust.TRUST_ID, school.id(), "email",
                    NotificationOutcome.FAILED, to));
        }
        TestRows.insert(incidents);
        TestRows.insert(notifications);
    }

    private JsonPath kpis(String user, String query) {
        return given().auth().oauth2(Tokens.password(user)).when()
                .get(KPIS + "?from=" + from + "&to=" + to + query).then().statusCode(200).extract().jsonPath()
                .using(JSON_DOUBLES);
    }

    private List<RegisterEntry> inPeriod(Set<String> schools) {
        return incidents.stream().filter(i -> schools.contains(i.schoolId))
                .filter(i -> !i.openedAt.isBefore(from) && i.openedAt.isBefore(to)).toList();
    }

    /** Expected timing figures: count, median, p90 of the seconds to the milestone, per key. */
    private static Map<String, List<Double>> timings(List<RegisterEntry> incidents, Function<RegisterEntry, String> key,
            Function<RegisterEntry, Instant> milestone) {
        Map<String, List<Long>> seconds = new TreeMap<>();
        for (RegisterEntry incident : incidents) {
            List<Long> values = seconds.computeIfAbsent(key.apply(incident), k -> new ArrayList<>());
            Instant at = milestone.apply(incident);
            if (at != null) {
                values.add(Duration.between(incident.openedAt, at).toSeconds());
            }
        }
        Map<String, List<Double>> figures = new TreeMap<>();
        seconds.forEach((k, values) -> {
            List<Double> figure = new ArrayList<>();
            figure.add((double) values.size());
            figure.add(Percentiles.continuous(values, 0.5));
            figure.add(Percentiles.continuous(values, 0.9));
            figures.put(k, figure);
        });
        return figures;
    }

    /** Expected rates: [total, matching] per key. */
    private static <T> Map<String, long[]> rates(List<T> rows, Function<T, String> key, Predicate<T> matching) {
        Map<String, long[]> rates = new TreeMap<>();
        for (T row : rows) {
            long[] rate = rates.computeIfAbsent(key.apply(row), k -> new long[2]);
            rate[0]++;
            if (matching.test(row)) {
                rate[1]++;
            }
        }
        return rates;
    }

    private static Map<String, Map<String, Object>> byKey(JsonPath json, String path,
            Function<Map<String, Object>, String> key) {
        Map<String, Map<String, Object>> figures = new HashMap<>();
        for (Map<String, Object> figure : json.<Map<String, Object>>getList(path)) {
            figures.put(key.apply(figure), figure);
        }
        return figures;
    }

    private static void assertTimings(JsonPath json, String path, Map<String, List<Double>> expected,
            boolean governor) {
        Map<String, Map<String, Object>> actual = byKey(json, path, f -> (String) f.get("key"));
        assertThat(actual.keySet()).as(path).isEqualTo(expected.keySet());
        expected.forEach((key, figure) -> {
            Map<String, Object> shown = actual.get(key);
            long count = figure.get(0).longValue();
            if (governor && count > 0 && count < 5) {
                assertThat(shown.get("count")).as(path + " " + key).isNull();
                assertThat(shown.get("medianSeconds")).isNull();
                assertThat(shown.get("p90Seconds")).isNull();
                assertThat(shown.get("fewerThanFive")).isEqualTo(true);
                return;
            }
            assertThat(((Number) shown.get("count")).longValue()).as(path + " " + key + " count").isEqualTo(count);
            assertThat(shown.get("fewerThanFive")).isEqualTo(false);
            if (count == 0) {
                assertThat(shown.get("medianSeconds")).isNull();
                return;
            }
            assertThat(((Number) shown.get("medianSeconds")).doubleValue()).as(path + " " + key + " median")
                    .isCloseTo(figure.get(1), within(1e-6));
            assertThat(((Number) shown.get("p90Seconds")).doubleValue()).as(path + " " + key + " p90")
                    .isCloseTo(figure.get(2), within(1e-6));
        });
    }

    private static void assertRates(JsonPath json, String path, Function<Map<String, Object>, String> key,
            Map<String, long[]> expected, boolean governor) {
        Map<String, Map<String, Object>> actual = byKey(json, path, key);
        assertThat(actual.keySet()).as(path).isEqualTo(expected.keySet());
        expected.forEach((k, rate) -> {
            Map<String, Object> shown = actual.get(k);
            boolean smallTotal = rate[0] > 0 && rate[0] < 5;
            boolean smallPart = rate[1] > 0 && rate[1] < 5;
            if (governor && (smallTotal || smallPart)) {
                assertThat(shown.get("fewerThanFive")).as(path + " " + k).isEqualTo(true);
                assertThat(shown.get("matching")).isNull();
                assertThat(shown.get("ratio")).isNull();
                if (smallTotal) {
                    assertThat(shown.get("total")).isNull();
                } else {
                    assertThat(((Number) shown.get("total")).longValue()).isEqualTo(rate[0]);
                }
                return;
            }
            assertThat(((Number) shown.get("total")).longValue()).as(path + " " + k + " total").isEqualTo(rate[0]);
            assertThat(((Number) shown.get("matching")).longValue()).as(path + " " + k + " part").isEqualTo(rate[1]);
            assertThat(((Number) shown.get("ratio")).doubleValue()).as(path + " " + k + " ratio")
                    .isCloseTo((double) rate[1] / rate[0], within(1e-9));
        });
    }

    private void assertReport(String user, Set<String> schools, String query, boolean governor) {
        JsonPath json = kpis(user, query);
        List<RegisterEntry> counted = inPeriod(schools);
        assertThat(json.getBoolean("smallCountsSuppressed")).isEqualTo(governor);
        for (String milestone : List.of("timeToAcknowledge", "timeToClose")) {
            Function<RegisterEntry, Instant> at = milestone.equals("timeToClose") ? i -> i.closedAt
                    : i -> i.acknowledgedAt;
            assertTimings(json, milestone + ".bySchool", timings(counted, i -> i.schoolId, at), governor);
            assertTimings(json, milestone + ".byCategory", timings(counted, i -> i.category, at), governor);
            assertTimings(json, milestone + ".bySeverity", timings(counted, i -> i.severity, at), governor);
        }
        List<RegisterEntry> closed = counted.stream().filter(i -> i.closedAt != null).toList();
        Predicate<RegisterEntry> falsePositive = i -> "false-positive".equals(i.outcome);
        if (governor) {
            assertThat(json.getList("falsePositiveRate.byAppliance")).isEmpty();
        } else {
            assertRates(json, "falsePositiveRate.byAppliance", f -> f.get("schoolId") + "/" + f.get("key"),
                    rates(closed, i -> i.schoolId + "/" + (i.sourceId == null ? "concern" : i.sourceId),
                            falsePositive), false);
        }
        assertRates(json, "falsePositiveRate.byCategory", f -> (String) f.get("key"),
                rates(closed, i -> i.category, falsePositive), governor);
        List<NotificationOutcome> settled = notifications.stream().filter(n -> schools.contains(n.schoolId))
                .filter(n -> n.settledAt != null && !n.settledAt.isBefore(from) && n.settledAt.isBefore(to))
                .toList();
        assertRates(json, "notificationFailureRate", f -> f.get("schoolId") + "/" + f.get("key"),
                rates(settled, n -> n.schoolId + "/" + n.channel, n -> n.state.equals(NotificationOutcome.FAILED)),
                governor);
    }

    @Test
    void theTrustLeadHasEverySchoolsFigures() {
        assertReport("north.trust-safeguarding-lead", Set.of(DemoTrust.NORTH.id(), DemoTrust.SOUTH.id()), "", false);
        assertReport("south.trust-safeguarding-lead", Set.of(DemoTrust.SOUTH.id()),
                "&schoolId=" + DemoTrust.SOUTH.id(), false);
    }

    @Test
    void theSchoolsTeamHasItsOwnSchoolsFiguresRestrictedAndSilencedIncidentsIncluded() {
        assertThat(inPeriod(Set.of(DemoTrust.NORTH.id())).stream().filter(i -> i.restricted).count()).isPositive();
        for (String role : List.of("dsl", "deputy-dsl", "head")) {
            assertReport("north." + role, Set.of(DemoTrust.NORTH.id()), "", false);
            assertReport("south." + role, Set.of(DemoTrust.SOUTH.id()), "", false);
        }
    }

    @Test
    void aGovernorHasTheSchoolsFiguresWithSmallCountsWithheldAndNoAppliances() {
        List<RegisterEntry> north = inPeriod(Set.of(DemoTrust.NORTH.id()));
        long rare = north.stream().filter(i -> i.category.equals("bullying") && i.acknowledgedAt != null).count();
        assertThat(rare).as("the generated set has a small count to withhold").isBetween(1L, 4L);
        assertReport("north.governor", Set.of(DemoTrust.NORTH.id()), "", true);
        assertReport("south.governor", Set.of(DemoTrust.SOUTH.id()), "", true);
    }

    @Test
    void withoutAPeriodTheLastThirtyDaysAreCounted() {
        JsonPath json = given().auth().oauth2(Tokens.password("north.dsl")).when().get(KPIS).then().statusCode(200)
                .extract().jsonPath().using(JSON_DOUBLES);
        Instant shownFrom = Instant.parse(json.getString("from"));
        Instant shownTo = Instant.parse(json.getString("to"));
        assertThat(Duration.between(shownFrom, shownTo)).isEqualTo(Duration.ofDays(30));
        assertThat(shownTo).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void whoMayNot() {
        given().when().get(KPIS).then().statusCode(401).contentType(PROBLEM_JSON);
        for (String user : List.of("north.staff", "north.trust-admin")) {
            given().auth().oauth2(Tokens.password(user)).when().get(KPIS).then().statusCode(403)
                    .contentType(PROBLEM_JSON);
        }
        for (String user : List.of("north.dsl", "north.governor", "north.head")) {
            given().auth().oauth2(Tokens.password(user)).when().get(KPIS + "?schoolId=" + DemoTrust.SOUTH.id())
                    .then().statusCode(403).contentType(PROBLEM_JSON);
        }
    }

    @ParameterizedTest(name = "{0} is refused with the field {1}")
    @CsvSource(delimiter = '|', value = {
        "from=2026-02-30 | from", "to=soon | to", "from=2026-03-01&to=2026-02-01 | to",
        "from=2026-03-01&to=2026-03-01 | to", "from=2010-01-01&to=2026-01-01 | to", "from=2999-01-01 | from"
    })
    void aBadPeriodIsRefusedWithTheFieldNamed(String query, String field) {
        given().auth().oauth2(Tokens.password("north.dsl")).when().get(KPIS + "?" + query).then().statusCode(400)
                .contentType(PROBLEM_JSON).body("errors.field", hasItem(field));
    }
}
