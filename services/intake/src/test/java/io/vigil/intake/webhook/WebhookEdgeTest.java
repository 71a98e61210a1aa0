package io.vigil.intake.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.common.signing.RequestSignatures;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's edges on the real stack: signed requests and replays, monitoring captures, illegal
 * content, and bodies that are too large, too deep or of the wrong media type. The appliances here
 * belong to a school nobody is e-mailed about.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class WebhookEdgeTest {

    private static final String SCHOOL = "edge-test-school";
    private static final String PLAIN_KEY = "edge-plain-key-" + UUID.randomUUID();
    private static final String SIGNED_KEY = "edge-signed-key-" + UUID.randomUUID();
    private static final String SECRET = "vgs_edge-test-signing-secret";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void appliances() {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into school (id, trust_id, name) values (?1, 'edge-test-trust', "
                    + "'Edge Test School') on conflict (id) do nothing").setParameter(1, SCHOOL).executeUpdate();
            appliance("edge-plain", "senso", "monitoring", PLAIN_KEY, null);
            appliance("edge-signed", "fortigate", "filtering", SIGNED_KEY, SECRET);
        });
    }

    private void appliance(String id, String vendor, String kind, String key, String secret) {
        entityManager.createNativeQuery("insert into appliance (id, school_id, vendor, kind, name, key_hash, "
                + "signing_secret) values (?1, ?2, ?3, ?4, 'Edge appliance', ?5, ?6) on conflict (id) do update "
                + "set key_hash = excluded.key_hash, signing_secret = excluded.signing_secret")
                .setParameter(1, id).setParameter(2, SCHOOL).setParameter(3, vendor).setParameter(4, kind)
                .setParameter(5, ApiKeys.hash(key)).setParameter(6, secret).executeUpdate();
    }

    @Test
    void aSigningApplianceIsAcceptedOnlyWithAFreshSignatureOverTheExactBody() {
        String eventId = "signed-" + UUID.randomUUID();
        byte[] body = AlertResourceTest.alert(eventId, null).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();

        signed(body, null, null).then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", containsString(RequestSignatures.SIGNATURE_HEADER));
        signed(body, now, RequestSignatures.sign("vgs_wrong-secret", now, body)).then().statusCode(401)
                .body("detail", containsString("does not match"));
        byte[] tampered = AlertResourceTest.alert(eventId, "https://evil.example.test").getBytes(StandardCharsets.UTF_8);
        signed(tampered, now, RequestSignatures.sign(SECRET, now, body)).then().statusCode(401);
        long old = now - 6 * 60;
        signed(body, old, RequestSignatures.sign(SECRET, old, body)).then().statusCode(401)
                .body("detail", containsString("5 minutes"));
        signed(body, now, "sha256=" + "0".repeat(64)).then().statusCode(401);

        signed(body, now, RequestSignatures.sign(SECRET, now, body)).then().statusCode(202)
                .body("eventId", equalTo(eventId));
        TopicProbe.await(Topics.ALERTS, r -> r.value().contains(eventId), Duration.ofSeconds(30));
    }

    @Test
    void aMonitoringAlertCarriesThatACaptureExistsAndWhereButNeverTheCapture() {
        String eventId = "mon-" + UUID.randomUUID();
        String body = """
                {"eventId": "%s", "occurredAt": "2026-11-23T10:15:00Z", "category": "Self harm", "action": "flagged",
                 "user": "pupil-9001", "device": "ICT2-14", "vendorSeverity": 4,
                 "captureRef": "https://console.monitoring.example.test/captures/88213",
                 "capture": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
                 "typedText": "words a child typed"}
                """.formatted(eventId);
        plain(body, "/api/v1/alerts").then().statusCode(202);
        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS, r -> r.value().contains(eventId),
                Duration.ofSeconds(30));
        AlertReceived alert = EventCodec.payload(EventCodec.decode(record.value()), AlertReceived.class);
        assertThat(alert.sourceKind().name()).isEqualTo("MONITORING");
        assertThat(alert.captureAvailable()).isTrue();
        assertThat(alert.captureRef()).isEqualTo("https://console.monitoring.example.test/captures/88213");
        assertThat(record.value()).doesNotContain("iVBORw0KGgo").doesNotContain("words a child typed");
    }

    @Test
    void anIllegalContentAlertKeepsNoUrlAtAll() {
        String eventId = "iwf-" + UUID.randomUUID();
        String body = AlertResourceTest.alert(eventId, "https://illegal.example.test/some/page")
                .replace("\"Gambling\"", "\"Child Sexual Abuse\"");
        plain(body, "/api/v1/alerts").then().statusCode(202);
        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS, r -> r.value().contains(eventId),
                Duration.ofSeconds(30));
        AlertReceived alert = EventCodec.payload(EventCodec.decode(record.value()), AlertReceived.class);
        assertThat(alert.vendorCategory()).isEqualTo("Child Sexual Abuse");
        assertThat(alert.urlHost()).isNull();
        assertThat(record.value()).doesNotContain("illegal.example.test");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"alerts\": [" + ("{\"eventId\": \"" + "x".repeat(1000) + "\"},").repeat(4200) + "{}]}";
        plain(huge, "/api/v1/alerts/batch").then().statusCode(413).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:too-large"));
    }

    @Test
    void aBodyNestedTooDeeplyIsRejectedAsMalformed() {
        String deep = "{\"eventId\": " + "[".repeat(200) + "]".repeat(200) + "}";
        plain(deep, "/api/v1/alerts").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:malformed-body"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        given().header(ApplianceAuthenticator.API_KEY_HEADER, PLAIN_KEY).contentType("text/plain")
                .body("eventId=1").when().post("/api/v1/alerts")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("status", equalTo(415));
    }

    @Test
    void anEmptyBodyIsNamed() {
        plain("", "/api/v1/alerts").then().statusCode(400).contentType(PROBLEM_JSON);
    }

    private static Response plain(String body, String path) {
        return given().header(ApplianceAuthenticator.API_KEY_HEADER, PLAIN_KEY).contentType("application/json")
                .body(body).when().post(path);
    }

    private static Response signed(byte[] body, Long timestamp, String signature) {
        var request = given().header(ApplianceAuthenticator.API_KEY_HEADER, SIGNED_KEY).contentType("application/json");
        if (timestamp != null) {
            request = request.header(RequestSignatures.TIMESTAMP_HEADER, Long.toString(timestamp));
        }
        if (signature != null) {
            request = request.header(RequestSignatures.SIGNATURE_HEADER, signature);
        }
        return request.body(body).when().post("/api/v1/alerts");
    }
}
