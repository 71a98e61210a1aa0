package io.vigil.reporting.kpi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.common.demo.DemoTrust;
import io.vigil.reporting.TestRows;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.testing.Tokens;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The KPI gauges at {@code /q/metrics}: they hold what {@code GET /api/v1/kpis} answers for the same rolling
 * window, and for rows of this test alone (a category and a channel no other test uses) what is worked out
 * here.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class KpiMetricsTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);

    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    @Inject
    KpiMetrics metrics;

    @Test
    void theGaugesHoldTheRestFiguresOfTheRollingWindow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String category = "kpi-test-" + UUID.randomUUID().toString().substring(0, 8);
        String channel = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        List<RegisterEntry> incidents = new ArrayList<>();
        int falsePositives = 0;
        for (int i = 0; i < 9; i++) {
            RegisterEntry incident = TestRows.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                    now.minus(Duration.ofDays(2 + i)));
            incident.category = category;
            incident.acknowledgedAt = incident.openedAt.plusSeconds(60L * (i + 1));
            if (i < 7) {
                incident.closedAt = incident.acknowledgedAt.plusSeconds(3_600);
                incident.status = "closed";
                incident.outcome = i < 3 ? "false-positive" : "handled-in-school";
                falsePositives += i < 3 ? 1 : 0;
            }
            incidents.add(incident);
        }
        // Outside the window: not counted.
        RegisterEntry old = TestRows.incident(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), now.minus(Duration.ofDays(45)));
        old.category = category;
        old.closedAt = old.openedAt.plusSeconds(10);
        old.acknowledgedAt = old.closedAt;
        old.outcome = "false-positive";
        incidents.add(old);
        List<NotificationOutcome> notifications = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            notifications.add(TestRows.notification(DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), channel,
                    i < 3 ? NotificationOutcome.FAILED : NotificationOutcome.DELIVERED, now.minus(Duration.ofDays(1))));
        }
        TestRows.insert(incidents);
        TestRows.insert(notifications);

        double expectedFalsePositives = falsePositives / 7.0;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath before = rest();
            metrics.refresh();
            Map<String, Double> scraped = scrape();
            JsonPath after = rest();
            // Only when no incident came or went between the two answers is the window the gauges saw theirs.
            assertThat(figures(after)).isEqualTo(figures(before));
            assertThat(scraped.get(series("vigil_reporting_false_positive_ratio", "category", category)))
                    .isCloseTo(expectedFalsePositives, within(1e-9));
            assertThat(scraped.get(series("vigil_reporting_notification_failure_ratio", "channel", channel)))
                    .isCloseTo(3 / 8.0, within(1e-9));
            Map<String, Object> acknowledge = bySchool(before, "timeToAcknowledge");
            Map<String, Object> close = bySchool(before, "timeToClose");
            assertThat(scraped.get(series("vigil_reporting_time_to_acknowledge_seconds", "quantile", "0.5")))
                    .isCloseTo(number(acknowledge.get("medianSeconds")), within(1e-6));
            assertThat(scraped.get(series("vigil_reporting_time_to_acknowledge_seconds", "quantile", "0.9")))
                    .isCloseTo(number(acknowledge.get("p90Seconds")), within(1e-6));
            assertThat(scraped.get(series("vigil_reporting_time_to_close_seconds", "quantile", "0.5")))
                    .isCloseTo(number(close.get("medianSeconds")), within(1e-6));
            assertThat(scraped.get(series("vigil_reporting_time_to_close_seconds", "quantile", "0.9")))
                    .isCloseTo(number(close.get("p90Seconds")), within(1e-6));
            Map<String, Object> restFailures = before.<Map<String, Object>>getList("notificationFailureRate").stream()
                    .filter(f -> channel.equals(f.get("key"))).findFirst().orElseThrow();
            assertThat(number(restFailures.get("ratio"))).isCloseTo(3 / 8.0, within(1e-9));
        });
    }

    private static JsonPath rest() {
        return given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/kpis").then().statusCode(200)
                .extract().jsonPath().using(KpiTest.JSON_DOUBLES);
    }

    private static List<Object> figures(JsonPath json) {
        return List.of(json.get("timeToAcknowledge.bySchool"), json.get("timeToClose.bySchool"));
    }

    private static Map<String, Object> bySchool(JsonPath json, String milestone) {
        return json.<Map<String, Object>>getList(milestone + ".bySchool").stream()
                .filter(f -> DemoTrust.NORTH.id().equals(f.get("key"))).findFirst().orElseThrow();
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** A series of North Primary's, as {@link #scrape} names it. */
    private static String series(String name, String label, String value) {
        return name + new TreeMap<>(Map.of("trust", DemoTrust.TRUST_ID, "school", DemoTrust.NORTH.id(), label, value));
    }

    /** Every sample of the scrape with labels, by name and its labels in name order. */
    private static Map<String, Double> scrape() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(text);
        while (matcher.find()) {
            Map<String, String> labels = new TreeMap<>();
            Matcher label = LABEL.matcher(matcher.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.put(matcher.group(1) + labels, Double.parseDouble(matcher.group(3)));
        }
        return samples;
    }
}
