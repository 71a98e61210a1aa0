package io.vigil.notification.webhook;

import static io.vigil.notification.webhook.WebhookDestinationTest.add;
import static io.vigil.notification.webhook.WebhookDestinationTest.idOf;
import static io.vigil.notification.webhook.WebhookDestinationTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.common.signing.RequestSignatures;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.delivery.Delivery;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.WebhookReceiver;
import io.vigil.testing.WebhookReceiver.Received;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents from the real broker posted to a school's webhook destination, a local receiver on this
 * machine: signed with the secret the head was shown, once per incident event, retried after a 500,
 * failed for good after a 404, and never for an incident below the minimum severity or a restricted one.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class WebhookAlertTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookReceiver receiver;
    private String destinationId;
    private String secret;

    /** The North head adds a generic destination on a local receiver, for high and critical incidents. */
    @BeforeEach
    void aDestinationForHighIncidentsAtNorth() {
        receiver = WebhookReceiver.start();
        Map<String, Object> created = add("north.head", DemoTrust.NORTH.id(), webhook("Safeguarding team",
                "generic", receiver.url("/hooks/" + UUID.randomUUID()).toString(), "high")).statusCode(201)
                .extract().as(Map.class);
        destinationId = idOf(created);
        secret = (String) created.get("signingSecret");
    }

    @AfterEach
    void disableItAndStopTheReceiver() {
        WebhookDestinationTest.disable("north.head", DemoTrust.NORTH.id(), destinationId);
        receiver.close();
    }

    @Test
    void anOpenedIncidentIsPostedOnceSignedWithTheSecretTheHeadWasShown() throws IOException {
        IncidentOpened incident = incident(Severity.HIGH, false);
        String eventId = UUID.randomUUID().toString();
        publish(incident.incidentId(), eventId, incident);
        publish(incident.incidentId(), eventId, incident);
        // An escalation with the same key comes after the duplicate: once it is posted, the duplicate was read.
        IncidentEscalated escalated = new IncidentEscalated(incident.incidentId(), incident.trustId(),
                incident.schoolId(), Severity.HIGH, 1, List.of("deputy-dsl"), "Not acknowledged within 1 hour", null,
                Instant.now(), null, incident.category());
        publish(incident.incidentId(), UUID.randomUUID().toString(), escalated);

        await().atMost(Duration.ofSeconds(30)).until(() -> postsAbout(incident).size() == 2);
        Received opened = postsAbout(incident).get(0);
        assertThatCode(() -> RequestSignatures.verify(secret, opened.header(RequestSignatures.TIMESTAMP_HEADER),
                opened.header(RequestSignatures.SIGNATURE_HEADER), opened.body(), Instant.now()))
                .doesNotThrowAnyException();
        JsonNode body = JSON.readTree(opened.body());
        assertThat(body.path("event").asText()).isEqualTo("incident-opened");
        assertThat(body.path("school").path("name").asText()).isEqualTo("North Primary");
        assertThat(body.path("severity").asText()).isEqualTo("high");
        assertThat(body.path("categoryGroups").toString()).isEqualTo("[\"contact\"]");
        assertThat(body.path("caseUrl").asText()).endsWith("/api/v1/incidents/" + incident.incidentId());
        assertThat(opened.bodyText()).doesNotContain(incident.subjectRef()).doesNotContain("grooming")
                .doesNotContain("Messages to an adult");

        Received escalation = postsAbout(incident).get(1);
        assertThat(JSON.readTree(escalation.body()).path("event").asText()).isEqualTo("incident-escalated");
        assertThat(JSON.readTree(escalation.body()).path("categoryGroups").toString()).isEqualTo("[\"contact\"]");
        assertThatCode(() -> RequestSignatures.verify(secret, escalation.header(RequestSignatures.TIMESTAMP_HEADER),
                escalation.header(RequestSignatures.SIGNATURE_HEADER), escalation.body(), Instant.now()))
                .doesNotThrowAnyException();

        // The receiver answers before the ledger records the answer, which its recorder does a moment later.
        await().atMost(Duration.ofSeconds(30)).until(() -> webhookRows(incident.incidentId()).stream()
                .filter(row -> "sent".equals(row.state)).count() == 2);
        List<Delivery> ledger = webhookRows(incident.incidentId());
        assertThat(ledger).hasSize(2).allSatisfy(row -> {
            assertThat(row.state).isEqualTo("sent");
            assertThat(row.attempts).isEqualTo(1);
            assertThat(row.recipientRef).isEqualTo("webhook:" + destinationId);
            assertThat(row.recipientAddress).isEqualTo("127.0.0.1");
        });
        assertThat(ledger).extracting(row -> row.notificationId.toString()).containsExactlyInAnyOrder(
                opened.header("X-Vigil-Notification-Id"), escalation.header("X-Vigil-Notification-Id"));
    }

    @Test
    void aReceiverThatFailsOnceIsPostedAgainAndAcceptsItOnce() {
        receiver.respondNext(500);
        IncidentOpened incident = incident(Severity.CRITICAL, false);
        publish(incident.incidentId(), UUID.randomUUID().toString(), incident);

        await().atMost(Duration.ofSeconds(60)).until(() -> webhookRows(incident.incidentId()).stream()
                .anyMatch(row -> "sent".equals(row.state)));
        assertThat(webhookRows(incident.incidentId())).singleElement().satisfies(row -> {
            assertThat(row.attempts).isEqualTo(2);
            assertThat(row.lastError).isNull();
        });
        List<Received> posts = postsAbout(incident);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).header("X-Vigil-Notification-Id")).isEqualTo(posts.get(0).header("X-Vigil-Notification-Id"));
    }

    @Test
    void aReceiverAnswering404FailsForGoodAndSaysSo() {
        receiver.respondNext(404);
        IncidentOpened incident = incident(Severity.HIGH, false);
        publish(incident.incidentId(), UUID.randomUUID().toString(), incident);

        ConsumerRecord<String, String> failed = TopicProbe.await(Topics.NOTIFICATIONS,
                r -> r.value().contains(incident.incidentId()) && r.value().contains("notification-failed")
                        && r.value().contains("\"webhook\""), Duration.ofSeconds(30));
        NotificationFailed event = EventCodec.payload(EventCodec.decode(failed.value()), NotificationFailed.class);
        assertThat(event.permanent()).isTrue();
        assertThat(event.recipientRef()).isEqualTo("webhook:" + destinationId);
        assertThat(event.reason()).isEqualTo("the webhook at 127.0.0.1 answered HTTP 404");
        assertThat(webhookRows(incident.incidentId())).singleElement().satisfies(row -> {
            assertThat(row.state).isEqualTo("failed");
            assertThat(row.attempts).isEqualTo(1);
        });
        assertThat(postsAbout(incident)).hasSize(1);
    }

    @Test
    void anIncidentBelowTheMinimumSeverityOrRestrictedIsNeverPosted() {
        IncidentOpened medium = incident(Severity.MEDIUM, false);
        IncidentOpened aboutStaff = incident(Severity.CRITICAL, true);
        IncidentEscalated aboutStaffEscalated = new IncidentEscalated(aboutStaff.incidentId(), aboutStaff.trustId(),
                aboutStaff.schoolId(), Severity.CRITICAL, 1, List.of("trust-safeguarding-lead"),
                "The LADO has not been consulted within one working day", null, Instant.now(), null,
                aboutStaff.category());
        publish(medium.incidentId(), UUID.randomUUID().toString(), medium);
        publish(aboutStaff.incidentId(), UUID.randomUUID().toString(), aboutStaff);
        publish(aboutStaff.incidentId(), UUID.randomUUID().toString(), aboutStaffEscalated);

        // Staff are told of each, in the transaction that would have planned the posts.
        Mailbox.await(DemoTrust.NORTH.email("dsl"), m -> m.body().contains(medium.incidentId()), Duration.ofSeconds(30));
        Mailbox.await(DemoTrust.NORTH.email("head"), m -> m.body().contains(aboutStaff.incidentId()),
                Duration.ofSeconds(30));
        Mailbox.await(DemoTrust.NORTH.email("trust-safeguarding-lead"),
                m -> m.body().contains(aboutStaff.incidentId()), Duration.ofSeconds(30));
        assertThat(webhookRows(medium.incidentId())).isEmpty();
        assertThat(webhookRows(aboutStaff.incidentId())).isEmpty();
        assertThat(postsAbout(medium)).isEmpty();
        assertThat(postsAbout(aboutStaff)).isEmpty();
    }

    private List<Received> postsAbout(IncidentOpened incident) {
        return receiver.received().stream().filter(r -> r.bodyText().contains(incident.incidentId())).toList();
    }

    private static List<Delivery> webhookRows(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list(
                "incidentId = ?1 and channel = 'webhook' order by createdAt", incidentId));
    }

    /** An incident at North carrying what a webhook must never repeat: the user, the concern and its category. */
    private static IncidentOpened incident(Severity severity, boolean aboutStaff) {
        Instant now = Instant.now();
        return new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, DemoTrust.NORTH.id(),
                "grooming-sexual-exploitation", severity, List.of("Messages to an adult stranger"),
                aboutStaff ? "head" : "dsl", List.of(UUID.randomUUID().toString()), "user-" + UUID.randomUUID(), now,
                now, null, aboutStaff, null, null);
    }

    private static void publish(String incidentId, String eventId, Record payload) {
        TopicProbe.send(Topics.INCIDENTS, incidentId, EventCodec.encode(EventCodec.envelope(eventId, "/vigil/triage",
                payload, incidentId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, Instant.now())));
    }
}
