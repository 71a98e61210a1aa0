package io.vigil.intake.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.common.kafka.EventProducer;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.intake.appliance.ApiKeys;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert webhook on the real stack: what is accepted reaches Kafka, what is not never does. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "intake"))
class AlertResourceTest {

    private static final String REVOKED_KEY = "revoked-test-key-" + UUID.randomUUID();
    /** An appliance of its own for the rate-limit test, so no other test shares its bucket. */
    private static final String BUSY_KEY = "busy-test-key-" + UUID.randomUUID();
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EntityManager entityManager;

    @Inject
    EventProducer producer;

    @BeforeEach
    void registerRevokedAppliance() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into appliance (id, school_id, vendor, kind, name, key_hash, revoked_at) "
                        + "values ('revoked-test', ?1, 'smoothwall', 'filtering', 'Old filter', ?2, now()) "
                        + "on conflict (id) do update set key_hash = excluded.key_hash")
                .setParameter(1, DemoTrust.NORTH.id())
                .setParameter(2, ApiKeys.hash(REVOKED_KEY))
                .executeUpdate());
        // Its school has nobody to e-mail, so the alerts it sends fill no mailbox later tests read.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into school (id, trust_id, name) values ('rate-test-school', 'rate-test-trust', "
                        + "'Rate Test School') on conflict (id) do nothing").executeUpdate());
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into appliance (id, school_id, vendor, kind, name, key_hash) "
                        + "values ('busy-test', 'rate-test-school', 'fortigate', 'filtering', 'Busy filter', ?1) "
                        + "on conflict (id) do update set key_hash = excluded.key_hash")
                .setParameter(1, ApiKeys.hash(BUSY_KEY))
                .executeUpdate());
    }

    @Test
    void aBatchAcceptsItsValidAlertsAndNamesTheFieldsOfTheRejectedOnes() {
        String run = UUID.randomUUID().toString();
        String body = "{\"alerts\": ["
                + alert("b0-" + run, "https://a.example/x") + ","
                + "{\"eventId\": \"b1-" + run + "\", \"occurredAt\": \"2026-11-23T10:15:00Z\", \"action\": \"blocked\"},"
                + alert("b2-" + run, null) + ","
                + alert("b3-" + run, null).replace("{", "{\"schoolId\": \"" + DemoTrust.SOUTH.id() + "\", ") + ","
                + alert("b4-" + run, null) + "]}";
        given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body(body)
                .when().post("/api/v1/alerts/batch")
                .then().statusCode(202)
                .body("accepted", equalTo(3)).body("rejected", equalTo(2))
                .body("results.status", contains("accepted", "rejected", "accepted", "rejected", "accepted"))
                .body("results[1].errors.field", contains("alerts[1].category"))
                .body("results[3].errors.field", contains("alerts[3].schoolId"))
                .body("results[2].alertId", equalTo(AlertPublisher.alertIdOf(DemoTrust.NORTH.applianceId(), "b2-" + run)));

        TopicProbe.awaitAll(Topics.ALERTS, r -> r.value().contains(run), 3, Duration.ofSeconds(30));
        assertNothingPublishedFor("b1-" + run);
        assertNothingPublishedFor("b3-" + run);
    }

    @Test
    void aBatchMustHoldOneToAThousandAlerts() {
        postBatch(DemoTrust.NORTH.applianceKey(), 0).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("alerts"));
        postBatch(DemoTrust.NORTH.applianceKey(), 1001).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("alerts"));
    }

    @Test
    void anApplianceOverItsRateIsToldWhenToRetry() {
        postBatch(BUSY_KEY, 100).then().statusCode(202).body("accepted", equalTo(100));
        String retryAfter = postBatch(BUSY_KEY, 100).then().statusCode(429).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:rate-limited"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15L);
    }

    private static io.restassured.response.Response postBatch(String key, int size) {
        String run = UUID.randomUUID().toString();
        StringBuilder body = new StringBuilder("{\"alerts\": [");
        for (int i = 0; i < size; i++) {
            body.append(i == 0 ? "" : ",").append(alert("n" + i + "-" + run, null));
        }
        return given().header(ApplianceAuthenticator.API_KEY_HEADER, key).contentType("application/json")
                .body(body.append("]}").toString())
                .when().post("/api/v1/alerts/batch");
    }

    @Test
    void acceptedAlertIsOnTheTopicKeyedBySchoolWithOnlyTheUrlHost() {
        String eventId = "sw-" + UUID.randomUUID();
        String alertId = given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json")
                .body(alert(eventId, "https://www.example-casino.test/play?name=child-name"))
                .when().post("/api/v1/alerts")
                .then().statusCode(202)
                .body("eventId", equalTo(eventId))
                .body("status", equalTo("accepted"))
                .extract().path("alertId");

        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(eventId), Duration.ofSeconds(30));
        assertThat(record.key()).isEqualTo(DemoTrust.NORTH.id());
        CloudEvent event = EventCodec.decode(record.value());
        AlertReceived alert = EventCodec.payload(event, AlertReceived.class);
        assertThat(event.id()).isEqualTo(alertId);
        assertThat(event.schoolid()).isEqualTo(DemoTrust.NORTH.id());
        assertThat(event.trustid()).isEqualTo(DemoTrust.TRUST_ID);
        assertThat(alert.applianceId()).isEqualTo(DemoTrust.NORTH.applianceId());
        assertThat(alert.urlHost()).isEqualTo("www.example-casino.test");
        assertThat(record.value()).doesNotContain("child-name").doesNotContain("/play");
    }

    /**
     * A key registered through another replica is not yet in this one's memory: the alert is
     * authenticated from the database on a worker thread, and accepted like any other.
     */
    @Test
    void anApplianceRegisteredMomentsAgoElsewhereIsAcceptedAtOnce() {
        String key = "fresh-test-key-" + UUID.randomUUID();
        String applianceId = "fresh-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into appliance (id, school_id, vendor, kind, name, key_hash) "
                        + "values (?1, ?2, 'smoothwall', 'filtering', 'New filter', ?3)")
                .setParameter(1, applianceId).setParameter(2, DemoTrust.NORTH.id()).setParameter(3, ApiKeys.hash(key))
                .executeUpdate());
        String eventId = "sw-" + UUID.randomUUID();
        given().header(ApplianceAuthenticator.API_KEY_HEADER, key).contentType("application/json")
                .body(alert(eventId, null))
                .when().post("/api/v1/alerts")
                .then().statusCode(202).body("eventId", equalTo(eventId));
        ConsumerRecord<String, String> record = TopicProbe.await(Topics.ALERTS,
                r -> r.value().contains(eventId), Duration.ofSeconds(30));
        assertThat(EventCodec.payload(EventCodec.decode(record.value()), AlertReceived.class).applianceId())
                .isEqualTo(applianceId);
    }

    /** Once an alert was acknowledged, the next may be published from the I/O thread; never for an unused topic. */
    @Test
    void theProducerSendsWithoutWaitingOnlyToATopicItWasAcknowledgedOn() {
        postNorth(alert("sw-" + UUID.randomUUID(), null)).then().statusCode(202);
        assertThat(producer.sendsWithoutWaiting(Topics.ALERTS)).isTrue();
        assertThat(producer.sendsWithoutWaiting("vigil.never-sent-to.v1")).isFalse();
    }

    /**
     * A send the broker refuses (a record over its size limit) means the next alert is published
     * from a worker thread, where waiting is allowed, until a send is acknowledged again.
     */
    @Test
    void afterAFailedSendTheProducerIsNotTrustedNotToWaitUntilASendSucceeds() throws Exception {
        postNorth(alert("sw-" + UUID.randomUUID(), null)).then().statusCode(202);
        var refused = producer.sendAsync(Topics.ALERTS, DemoTrust.NORTH.id(), "x".repeat(2_000_000));
        assertThat(refused).failsWithin(Duration.ofSeconds(30));
        assertThat(producer.sendsWithoutWaiting(Topics.ALERTS)).isFalse();

        postNorth(alert("sw-" + UUID.randomUUID(), null)).then().statusCode(202);
        assertThat(producer.sendsWithoutWaiting(Topics.ALERTS)).isTrue();
    }

    @Test
    void redeliveredAlertKeepsItsId() {
        String eventId = "sw-" + UUID.randomUUID();
        String first = postNorth(alert(eventId, null)).then().statusCode(202).extract().path("alertId");
        String second = postNorth(alert(eventId, null)).then().statusCode(202).extract().path("alertId");
        assertThat(second).isEqualTo(first).isEqualTo(AlertPublisher.alertIdOf(DemoTrust.NORTH.applianceId(), eventId));
    }

    @Test
    void missingUnknownAndRevokedKeysAreUnauthorised() {
        String eventId = "sw-" + UUID.randomUUID();
        given().contentType("application/json").body(alert(eventId, null))
                .when().post("/api/v1/alerts")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("status", equalTo(401));
        given().header(ApplianceAuthenticator.API_KEY_HEADER, "not-a-key").contentType("application/json")
                .body(alert(eventId, null))
                .when().post("/api/v1/alerts")
                .then().statusCode(401).contentType(PROBLEM_JSON).body("type", equalTo("urn:vigil:problem:unauthorized"));
        given().header(ApplianceAuthenticator.API_KEY_HEADER, REVOKED_KEY).contentType("application/json")
                .body(alert(eventId, null))
                .when().post("/api/v1/alerts")
                .then().statusCode(401).contentType(PROBLEM_JSON);
        assertNothingPublishedFor(eventId);
    }

    @Test
    void malformedJsonIsRejectedAndNothingIsPublished() {
        String eventId = "sw-" + UUID.randomUUID();
        postNorth("{\"eventId\": \"" + eventId + "\", ")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:malformed-body"));
        postNorth("{\"eventId\": \"" + eventId + "\", \"occurredAt\": \"yesterday\", \"category\": \"x\", \"action\": \"blocked\"}")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("occurredAt"));
        assertNothingPublishedFor(eventId);
    }

    @Test
    void missingFieldsAreNamed() {
        String eventId = "sw-" + UUID.randomUUID();
        postNorth("{\"eventId\": \"" + eventId + "\"}")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:vigil:problem:validation"))
                .body("errors.field", hasItems("occurredAt", "category", "action"))
                .body("detail", containsString("category"));
        postNorth(alert(eventId, null).replace("\"blocked\"", "\"allowed\""))
                .then().statusCode(400).body("errors.field", hasItem("action"));
        assertNothingPublishedFor(eventId);
    }

    @Test
    void anotherSchoolThanTheAppliancesIsRejected() {
        String eventId = "sw-" + UUID.randomUUID();
        postNorth(alert(eventId, null).replace("{", "{\"schoolId\": \"" + DemoTrust.SOUTH.id() + "\", "))
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("schoolId"));
        postNorth(alert(eventId, null).replace("{", "{\"schoolId\": \"no-such-school\", "))
                .then().statusCode(400).body("errors.field", hasItem("schoolId"));
        assertNothingPublishedFor(eventId);
    }

    /**
     * Proves a negative without waiting blindly: a valid marker alert for the same school (so the
     * same partition, in order) is posted after the rejected ones; once it is on the topic, anything
     * published before it would be too.
     */
    private static void assertNothingPublishedFor(String rejectedEventId) {
        String marker = "marker-" + UUID.randomUUID();
        postNorth(alert(marker, null)).then().statusCode(202);
        TopicProbe.await(Topics.ALERTS, r -> r.value().contains(marker), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> all = TopicProbe.readAll(Topics.ALERTS, Duration.ofSeconds(10));
        assertThat(all).noneMatch(r -> r.value().contains("\"" + rejectedEventId + "\""));
    }

    private static io.restassured.response.Response postNorth(String body) {
        return given().header(ApplianceAuthenticator.API_KEY_HEADER, DemoTrust.NORTH.applianceKey())
                .contentType("application/json").body(body)
                .when().post("/api/v1/alerts");
    }

    static String alert(String eventId, String url) {
        return """
                {"eventId": "%s", "occurredAt": "2026-11-23T10:15:00Z", "category": "Gambling",
                 "action": "blocked", "user": "pupil-4471", "device": "10.20.1.17"%s, "vendorSeverity": 3}
                """.formatted(eventId, url == null ? "" : ", \"url\": \"" + url + "\"");
    }
}
