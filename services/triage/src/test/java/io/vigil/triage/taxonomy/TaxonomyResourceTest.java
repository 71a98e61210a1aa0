package io.vigil.triage.taxonomy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trust admin's taxonomy on the real stack: unmapped names, and own mappings that take effect. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class TaxonomyResourceTest {

    @Test
    void anUnmappedNameIsListedAndASchoolMappingTakesEffectAsANewVersion() {
        String name = "Homework Helpers " + UUID.randomUUID();
        assertThat(open(name).category()).isEqualTo("unclassified");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(admin())
                .when().get("/api/v1/taxonomy/unmapped?schoolId=" + DemoTrust.NORTH.id())
                .then().statusCode(200).body("vendorCategory", hasItem(name)));

        String body = """
                {"schoolId": "%s", "vendor": "smoothwall", "vendorCategory": "%s", "policyCategory": "%s",
                 "reason": "%s"}""";
        given().auth().oauth2(admin()).contentType("application/json")
                .body(body.formatted(DemoTrust.NORTH.id(), name, "other", "First look")).when()
                .post("/api/v1/taxonomy/overrides").then().statusCode(201).body("version", equalTo(1));
        given().auth().oauth2(admin()).contentType("application/json")
                .body(body.formatted(DemoTrust.NORTH.id(), name, "bullying", "It is a chat site pupils bully on"))
                .when().post("/api/v1/taxonomy/overrides").then().statusCode(201).body("version", equalTo(2))
                .body("changedBy", equalTo("north.trust-admin"));
        IncidentOpened mapped = open(name);
        assertThat(mapped.category()).isEqualTo("bullying");
        TopicProbe.await(Topics.AUDIT, r -> r.value().contains("taxonomy.mapping-changed")
                && r.value().contains("It is a chat site pupils bully on"), Duration.ofSeconds(30));
        given().auth().oauth2(admin()).when().get("/api/v1/taxonomy/overrides").then().statusCode(200)
                .body("reason", hasItem("First look"));
    }

    @Test
    void badMappingsAndTheWrongCallersAreRefused() {
        String body = """
                {"schoolId": "%s", "vendor": "smoothwall", "vendorCategory": "X", "policyCategory": "%s",
                 "reason": "r"}""";
        given().auth().oauth2(admin()).contentType("application/json")
                .body(body.formatted(DemoTrust.NORTH.id(), "gossip")).when().post("/api/v1/taxonomy/overrides")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("policyCategory"));
        given().auth().oauth2(admin()).contentType("application/json")
                .body(body.formatted("a-school-of-another-trust", "bullying")).when().post("/api/v1/taxonomy/overrides")
                .then().statusCode(403);
        given().auth().oauth2(admin()).contentType("application/json")
                .body("{\"vendor\": \"smoothwall\", \"vendorCategory\": \"X\", \"policyCategory\": \"bullying\"}")
                .when().post("/api/v1/taxonomy/overrides").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        given().auth().oauth2(Tokens.password("north.dsl")).when().get("/api/v1/taxonomy/unmapped")
                .then().statusCode(403);
        given().when().get("/api/v1/taxonomy/overrides").then().statusCode(401);
    }

    private static String admin() {
        return Tokens.password("north.trust-admin");
    }

    private static IncidentOpened open(String category) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        AlertReceived alert = new AlertReceived(eventId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                DemoTrust.NORTH.applianceId(), eventId, SourceKind.FILTERING, "smoothwall", category, "blocked",
                "pupil-" + eventId, null, null, null, now, now);
        Alerts.publish(alert, eventId);
        return EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type()) && r.value().contains(eventId),
                Duration.ofSeconds(30)).value()), IncidentOpened.class);
    }
}
