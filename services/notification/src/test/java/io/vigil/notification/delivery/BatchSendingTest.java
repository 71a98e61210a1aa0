package io.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.TestSchool;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TestServers;
import io.vigil.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The rows of one incident are claimed and sent together: a recipient the mail server refuses for
 * good fails alone, with {@code NotificationFailed}, and the others of the batch are sent and recorded
 * with {@code NotificationDelivered}, each once.
 */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class BatchSendingTest {

    private static final List<String> ROLES = List.of("dsl", "deputy-dsl", "head", "chair-of-governors");

    @Inject
    EntityManager entityManager;

    @Test
    void aRecipientRefusedForGoodInABatchFailsAloneAndTheOthersAreSent() {
        TestSchool school = TestSchool.create(entityManager, ROLES);
        String refused = school.email("head");
        Instant now = Instant.now();
        IncidentOpened incident = new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, school.id(),
                "gambling", Severity.HIGH, List.of("batch test"), "dsl", List.of(UUID.randomUUID().toString()), null,
                now, now, ROLES.subList(1, ROLES.size()), false, null, null);
        TestServers.smtp().refuse(refused);
        try {
            TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(EventCodec.envelope(
                    "/vigil/triage", incident, incident.incidentId(), DemoTrust.TRUST_ID, school.id(), null, now)));
            await().atMost(Duration.ofSeconds(60)).until(() -> rows(incident).size() == ROLES.size()
                    && rows(incident).values().stream().allMatch(row -> "sent".equals(row.state)
                            || "failed".equals(row.state)));
        } finally {
            TestServers.smtp().acceptAll();
        }

        Map<String, Delivery> ledger = rows(incident);
        assertThat(ledger.get(refused).state).isEqualTo("failed");
        assertThat(ledger.get(refused).lastError).contains("550");
        assertThat(ledger.get(refused).attempts).isEqualTo(1);
        for (String role : List.of("dsl", "deputy-dsl", "chair-of-governors")) {
            Delivery row = ledger.get(school.email(role));
            assertThat(row.state).as(role).isEqualTo("sent");
            assertThat(row.attempts).as(role).isEqualTo(1);
            Mailbox.await(school.email(role), m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(30));
        }

        ConsumerRecord<String, String> failed = TopicProbe.await(Topics.NOTIFICATIONS,
                r -> r.value().contains(incident.incidentId()) && r.value().contains("notification-failed"),
                Duration.ofSeconds(30));
        NotificationFailed failure = EventCodec.payload(EventCodec.decode(failed.value()), NotificationFailed.class);
        assertThat(failure.recipientRef()).isEqualTo("head:" + refused);
        assertThat(failure.permanent()).isTrue();
        List<ConsumerRecord<String, String>> delivered = TopicProbe.awaitAll(Topics.NOTIFICATIONS,
                r -> r.value().contains(incident.incidentId()) && r.value().contains("notification-delivered"), 3,
                Duration.ofSeconds(30));
        assertThat(delivered).extracting(r -> EventCodec.payload(EventCodec.decode(r.value()),
                NotificationDelivered.class).recipientRef()).containsExactlyInAnyOrder("dsl:" + school.email("dsl"),
                        "deputy-dsl:" + school.email("deputy-dsl"),
                        "chair-of-governors:" + school.email("chair-of-governors"));
        // Each was sent once, and the refused address got nothing.
        for (String role : List.of("dsl", "deputy-dsl", "chair-of-governors")) {
            assertThat(Mailbox.messagesFor(school.email(role))).as(role).hasSize(1);
        }
        assertThat(Mailbox.messagesFor(refused)).isEmpty();
    }

    private static Map<String, Delivery> rows(IncidentOpened incident) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("incidentId", incident.incidentId()))
                .stream().collect(Collectors.toMap(row -> row.recipientAddress, Function.identity()));
    }
}
