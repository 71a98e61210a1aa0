package io.vigil.triage.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.Tokens;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.alert.Alerts;
import io.vigil.triage.casework.CaseEntry;
import io.vigil.triage.deadline.Escalated;
import io.vigil.triage.incident.Incident;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Failed deliveries from the real notifications topic escalate the incident, or are recorded, once. */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class UndeliveredNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void aFailedDslEmailEscalatesToTheDeputiesOnceEvenWhenTwoAddressesFail() {
        IncidentOpened incident = open();
        String first = publishFailed(incident, "dsl:north.dsl@demo.vigil.test", "550 mailbox unavailable");
        String second = publishFailed(incident, "dsl:north.dsl2@demo.vigil.test", "550 mailbox unavailable");
        awaitProcessed(first, second);

        assertThat(incident(incident).escalationLevel).isEqualTo(1);
        assertThat(incident(incident).ackDueAt).isNotNull();
        IncidentEscalated escalated = Escalated.await(incident.incidentId(), 1).get(0);
        assertThat(escalated.escalatedTo()).containsExactly("deputy-dsl");
        assertThat(escalated.level()).isEqualTo(1);
        assertThat(escalated.reason()).isEqualTo("Could not reach the dsl by e-mail: 550 mailbox unavailable");
        assertThat(escalated.cause()).isEqualTo(EscalationCause.UNREACHABLE);

        // Nobody holds the next role either: the next step at once.
        awaitProcessed(publishFailed(incident, "role:deputy-dsl", "No deputy-dsl contact is known for school "
                + DemoTrust.NORTH.id()));
        assertThat(incident(incident).escalationLevel).isEqualTo(2);
        assertThat(Escalated.await(incident.incidentId(), 2).get(1).escalatedTo()).containsExactly("head");
        // The marker opens after everything above committed, and the relay publishes in commit order.
        awaitMarker();
        assertThat(Escalated.all(incident.incidentId())).extracting(IncidentEscalated::level).containsExactly(1, 2);
    }

    @Test
    void theSameEventDeliveredAgainChangesNothing() {
        IncidentOpened incident = open();
        String eventId = UUID.randomUUID().toString();
        NotificationFailed failed = failure(incident, "guardian:g-" + eventId, "address rejected");
        publish(failed, eventId);
        publish(failed, eventId);
        // Same key, so the same partition: once this one is processed, both copies before it were.
        awaitProcessed(publishFailed(incident, "dsl:north.dsl@demo.vigil.test", "timed out", failed.notificationId()));

        assertThat(notesOf(incident)).hasSize(1);
        assertThat(incident(incident).escalationLevel).isEqualTo(1);
    }

    @Test
    void aFailureForAnAcknowledgedIncidentIsRecordedAndDoesNotEscalate() {
        IncidentOpened incident = open();
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().post("/api/v1/incidents/" + incident.incidentId() + "/acknowledge").then().statusCode(200);
        awaitProcessed(publishFailed(incident, "dsl:north.dsl@demo.vigil.test", "550 mailbox unavailable"));

        TopicProbe.await(Topics.AUDIT, r -> r.value().contains(incident.incidentId())
                && r.value().contains("incident.not-escalated") && r.value().contains("not-open"), WAIT);
        assertThat(incident(incident).escalationLevel).isZero();
        assertThat(incident(incident).status).isEqualTo("acknowledged");
        awaitMarker();
        assertThat(Escalated.all(incident.incidentId())).isEmpty();
    }

    @Test
    void aParentNobodyReachedIsANoteOnTheChronologyAndNoEscalation() {
        IncidentOpened incident = open();
        Instant dueBefore = incident(incident).ackDueAt;
        awaitProcessed(publishFailed(incident, "guardian:g-0042", "550 no such user"));

        List<CaseEntry> notes = notesOf(incident);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).actor).isEqualTo("system");
        assertThat(notes.get(0).text).isEqualTo("The parent or carer could not be reached by e-mail: 550 no such user");
        given().auth().oauth2(Tokens.password("north.dsl"))
                .when().get("/api/v1/incidents/" + incident.incidentId() + "/chronology").then().statusCode(200)
                .body("findAll { it.kind == 'note' }.actor", contains("system"));
        assertThat(incident(incident).escalationLevel).isZero();
        assertThat(incident(incident).ackDueAt).isEqualTo(dueBefore);
        awaitMarker();
        assertThat(Escalated.all(incident.incidentId())).isEmpty();
    }

    @Test
    void aFailureAboutAnIncidentTriageDoesNotHoldIsIgnored() {
        IncidentOpened incident = open();
        NotificationFailed elsewhere = new NotificationFailed(UUID.randomUUID().toString(), incident.incidentId(),
                DemoTrust.TRUST_ID, DemoTrust.SOUTH.id(), "email", "dsl:south.dsl@demo.vigil.test", "timed out",
                false, 5, Instant.now());
        String otherSchool = UUID.randomUUID().toString();
        publish(elsewhere, otherSchool);
        String unknown = publishFailed(UUID.randomUUID().toString());
        String notAnId = publishFailed("not-an-incident");

        // Each was processed (its mark committed, so no exception rolled it back and nothing went to the DLQ).
        awaitProcessed(otherSchool, unknown, notAnId);
        assertThat(incident(incident).escalationLevel).isZero();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndConsumptionGoesOn() {
        String marker = UUID.randomUUID().toString();
        String malformed = "{\"specversion\": \"1.0\", \"id\": \"" + marker + "\", "
                + "\"source\": \"/vigil/notification\", \"type\": \"" + EventType.NOTIFICATION_FAILED_V1.type()
                + "\", \"data\": {\"notificationId\": \"n\"}}";
        TopicProbe.send(Topics.NOTIFICATIONS, marker, malformed);
        IncidentOpened incident = open();
        String next = publishFailed(incident, "dsl:north.dsl@demo.vigil.test", "550 mailbox unavailable", marker);

        ConsumerRecord<String, String> dead = TopicProbe.await(Topics.deadLetterOf(Topics.NOTIFICATIONS),
                r -> malformed.equals(r.value()), WAIT);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("event " + marker + " has invalid data");
        awaitProcessed(next);
        assertThat(incident(incident).escalationLevel).isEqualTo(1);
    }

    private static IncidentOpened open() {
        return Alerts.awaitOpened(Alerts.publishBlocked("Adult Content", null));
    }

    /** Waits until the marker incident is published: anything committed before it is on the topic. */
    private static void awaitMarker() {
        open();
    }

    private static NotificationFailed failure(IncidentOpened incident, String recipientRef, String reason) {
        return new NotificationFailed(UUID.randomUUID().toString(), incident.incidentId(), incident.trustId(),
                incident.schoolId(), "email", recipientRef, reason, true, 1, Instant.now());
    }

    private static String publishFailed(IncidentOpened incident, String recipientRef, String reason) {
        return publishFailed(incident, recipientRef, reason, UUID.randomUUID().toString());
    }

    /** Publishes a failure with the given record key; returns its event id. */
    private static String publishFailed(IncidentOpened incident, String recipientRef, String reason, String key) {
        String eventId = UUID.randomUUID().toString();
        NotificationFailed failed = failure(incident, recipientRef, reason);
        TopicProbe.send(Topics.NOTIFICATIONS, key, encode(failed, eventId));
        return eventId;
    }

    /** A failure about an incident id at North; returns its event id. */
    private static String publishFailed(String incidentId) {
        String eventId = UUID.randomUUID().toString();
        publish(new NotificationFailed(UUID.randomUUID().toString(), incidentId, DemoTrust.TRUST_ID,
                DemoTrust.NORTH.id(), "email", "dsl:north.dsl@demo.vigil.test", "timed out", false, 5, Instant.now()),
                eventId);
        return eventId;
    }

    private static void publish(NotificationFailed failed, String eventId) {
        TopicProbe.send(Topics.NOTIFICATIONS, failed.notificationId(), encode(failed, eventId));
    }

    private static String encode(NotificationFailed failed, String eventId) {
        return EventCodec.encode(EventCodec.envelope(eventId, "/vigil/notification", failed, failed.notificationId(),
                failed.trustId(), failed.schoolId(), failed.incidentId(), failed.failedAt()));
    }

    private void awaitProcessed(String... eventIds) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            for (String eventId : eventIds) {
                if (entityManager.createNativeQuery("select 1 from vigil_processed_event where consumer = ?1 "
                        + "and event_id = ?2").setParameter(1, NotificationConsumer.CONSUMER)
                        .setParameter(2, eventId).getResultList().isEmpty()) {
                    return false;
                }
            }
            return true;
        }));
    }

    private static Incident incident(IncidentOpened opened) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.findById(UUID.fromString(opened.incidentId())));
    }

    private static List<CaseEntry> notesOf(IncidentOpened opened) {
        return QuarkusTransaction.requiringNew().call(() -> CaseEntry.list("incidentId = ?1 and kind = 'note'",
                UUID.fromString(opened.incidentId())));
    }
}
