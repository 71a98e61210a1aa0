package io.vigil.intake.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.quarantine.InputChannel;
import io.vigil.testing.VigilStackResource;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The metrics operators' alert rules and dashboard read from intake, as Prometheus scrapes them. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class IntakeMetricsTest {

    @Test
    void acceptedAlertsAreCountedPerApplianceOnceDurable() {
        String appliance = DemoTrust.NORTH.applianceId();
        double before = value("vigil_intake_alerts_accepted_total", "appliance=\"" + appliance + "\"");
        String run = UUID.randomUUID().toString();
        String alerts = IntStream.range(0, 3)
                .mapToObj(i -> "{\"eventId\": \"m" + i + "-" + run + "\", \"occurredAt\": \"2026-11-23T10:15:00Z\","
                        + " \"category\": \"Gambling\", \"action\": \"blocked\"}")
                .collect(Collectors.joining(",", "{\"alerts\": [", "]}"));
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body(alerts)
                .when().post("/api/v1/alerts/batch")
                .then().statusCode(202).body("accepted", equalTo(3));

        assertThat(value("vigil_intake_alerts_accepted_total", "appliance=\"" + appliance + "\"")).isEqualTo(before + 3);
        assertThat(scrape()).contains("vigil_intake_alerts_accepted_total{appliance=\"" + appliance + "\",school=\""
                + DemoTrust.NORTH.id() + "\",vendor=");
    }

    @Test
    void refusedAlertsAreNotCountedAsAccepted() {
        String appliance = DemoTrust.NORTH.applianceId();
        double before = value("vigil_intake_alerts_accepted_total", "appliance=\"" + appliance + "\"");
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body("{\"eventId\": \"x\", \"action\": \"blocked\"}")
                .when().post("/api/v1/alerts")
                .then().statusCode(400);

        assertThat(value("vigil_intake_alerts_accepted_total", "appliance=\"" + appliance + "\"")).isEqualTo(before);
    }

    @Test
    void everyInputChannelsParseFailuresAndTheOutboxAreExposedFromTheStart() {
        String metrics = scrape();
        for (String channel : InputChannel.ALL) {
            assertThat(metrics).contains("vigil_intake_quarantined_total{channel=\"" + channel + "\"}");
        }
        assertThat(metrics).contains("vigil_outbox_backlog ").contains("vigil_outbox_parked ");
    }

    private static String scrape() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a metric's samples whose labels contain {@code labels}; 0 when there is none yet. */
    private static double value(String name, String labels) {
        return Arrays.stream(scrape().split("\n"))
                .filter(line -> line.startsWith(name + "{") && line.contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
