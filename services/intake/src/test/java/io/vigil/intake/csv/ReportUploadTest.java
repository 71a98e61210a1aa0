package io.vigil.intake.csv;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Uploading a Smoothwall report export on the real stack. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class ReportUploadTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void blockedRowsBecomeAlertsAllowedRowsAreCountedAndBadRowsAreNamedByLine() {
        String appliance = register("smoothwall");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = """
                Time,Username,Source IP,Group,HTTP Code,URL,Categories
                2026-11-20 10:12:01,pupil.a%1$s,10.0.0.5,Year 9,403,https://casino.example.test/play?x=1,Gambling
                2026-11-20 10:13:01,pupil.b%1$s,10.0.0.6,Year 9,200,https://school.example.test/,Education
                2026-11-20 10:14:01,=HYPERLINK("http://x.example")%1$s,10.0.0.7,Year 9,403,https://a.example.test/,Violence
                2026-11-20 10:15:01,pupil.d%1$s,10.0.0.8
                """.formatted(run);
        upload(appliance, csv).then().statusCode(202)
                .body("rows", equalTo(4)).body("alertsAccepted", equalTo(2)).body("allowedRows", equalTo(1))
                .body("rejectedRows", equalTo(1)).body("errors[0].line", equalTo(5));

        List<ConsumerRecord<String, String>> records = TopicProbe.awaitAll(Topics.ALERTS,
                r -> r.value().contains(run), 2, Duration.ofSeconds(30));
        List<AlertReceived> alerts = records.stream()
                .map(r -> EventCodec.payload(EventCodec.decode(r.value()), AlertReceived.class)).toList();
        assertThat(alerts).extracting(AlertReceived::vendorCategory).containsExactlyInAnyOrder("Gambling", "Violence");
        assertThat(alerts).extracting(AlertReceived::userRef).noneMatch(u -> u.startsWith("="));
        assertThat(alerts).extracting(AlertReceived::urlHost).contains("casino.example.test");
        assertThat(records).noneMatch(r -> r.value().contains("play?x=1"));

        // The same export again: accepted, and the same alert ids (nothing new downstream).
        upload(appliance, csv).then().statusCode(202).body("alertsAccepted", equalTo(2));
        List<ConsumerRecord<String, String>> again = TopicProbe.awaitAll(Topics.ALERTS,
                r -> r.value().contains(run), 4, Duration.ofSeconds(30));
        assertThat(again.stream().map(r -> EventCodec.decode(r.value()).id()).distinct()).hasSize(2);
    }

    @Test
    void anUploadOverTheLimitIs413() {
        String appliance = register("smoothwall");
        StringBuilder csv = new StringBuilder("Time,Username,Source IP,Group,HTTP Code,URL,Categories\n");
        while (csv.length() < 300_000) {
            csv.append("2026-11-20 10:12:01,pupil,10.0.0.5,Year 9,200,https://school.example.test/,Education\n");
        }
        upload(appliance, csv.toString()).then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:too-large"));
    }

    @Test
    void onlyCsvOnlySmoothwallOnlyTrustAdmins() {
        String smoothwall = register("smoothwall");
        String csv = "Time,URL,Categories,HTTP Code\n2026-11-20 10:12:01,https://a.example.test/,Gambling,200\n";
        given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("application/json").body("{}")
                .when().post("/api/v1/appliances/" + smoothwall + "/report-uploads")
                .then().statusCode(415).contentType(PROBLEM_JSON);
        upload(register("fortigate"), csv).then().statusCode(400).contentType(PROBLEM_JSON);
        given().auth().oauth2(Tokens.password("north.dsl")).contentType("text/csv").body(csv)
                .when().post("/api/v1/appliances/" + smoothwall + "/report-uploads")
                .then().statusCode(403).contentType(PROBLEM_JSON);
        given().contentType("text/csv").body(csv)
                .when().post("/api/v1/appliances/" + smoothwall + "/report-uploads").then().statusCode(401);
        upload("no-such-appliance", csv).then().statusCode(404).contentType(PROBLEM_JSON);
    }

    private static Response upload(String appliance, String csv) {
        return given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("text/csv").body(csv)
                .when().post("/api/v1/appliances/" + appliance + "/report-uploads");
    }

    private static String register(String vendor) {
        return given().auth().oauth2(Tokens.password("north.trust-admin")).contentType("application/json")
                .body("""
                        {"schoolId": "%s", "vendor": "%s", "kind": "filtering", "name": "Report source",
                         "expectedHeartbeatMinutes": 1440}
                        """.formatted(DemoTrust.NORTH.id(), vendor))
                .when().post("/api/v1/appliances").then().statusCode(201).extract().path("appliance.id");
    }
}
