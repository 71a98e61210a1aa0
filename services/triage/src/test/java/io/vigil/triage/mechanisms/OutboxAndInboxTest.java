package io.vigil.triage.mechanisms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.audit.AuditRecorded;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.InvalidEventException;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The shared mechanisms on a real database and broker: a handler's outbox rows and its
 * processed-event mark commit together or not at all, and committed rows reach Kafka.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class OutboxAndInboxTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Test
    void aFailingHandlerLeavesNeitherItsEventsNorTheProcessedMarkAndCanRunAgain() {
        CloudEvent incoming = audit("incoming");
        CloudEvent produced = audit("produced");
        String consumerName = "test-" + UUID.randomUUID();

        assertThatThrownBy(() -> consumer.process(consumerName, EventCodec.encode(incoming), event -> {
            outbox.publish(Topics.AUDIT, DemoTrust.NORTH.id(), encoded(produced));
            throw new PoisonEventException("handler refused it");
        })).isInstanceOf(PoisonEventException.class);
        assertThat(outboxRows(produced.id())).isZero();
        assertThat(processedRows(consumerName, incoming.id())).isZero();

        AtomicInteger runs = new AtomicInteger();
        boolean ran = consumer.process(consumerName, EventCodec.encode(incoming), event -> {
            runs.incrementAndGet();
            outbox.publish(Topics.AUDIT, DemoTrust.NORTH.id(), encoded(produced));
        });
        assertThat(ran).isTrue();
        assertThat(processedRows(consumerName, incoming.id())).isEqualTo(1);
        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains(produced.id()), Duration.ofSeconds(30));

        boolean again = consumer.process(consumerName, EventCodec.encode(incoming), event -> runs.incrementAndGet());
        assertThat(again).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void anEventTheBrokerRefusesIsParkedWithItsReasonAndLaterEventsStillFlow() {
        CloudEvent tooLarge = audit("too-large", Map.of("padding", "x".repeat(1_100_000)));
        CloudEvent after = audit("after-the-refused-one");
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.AUDIT, DemoTrust.NORTH.id(), encoded(tooLarge)));
        QuarkusTransaction.requiringNew().run(() -> outbox.publish(Topics.AUDIT, DemoTrust.NORTH.id(), encoded(after)));

        TopicProbe.await(Topics.AUDIT, r -> r.value() != null && r.value().contains(after.id()), Duration.ofSeconds(30));
        assertThat(outboxRows(tooLarge.id())).isZero();
        String reason = QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select reason from vigil_outbox_parked where event_id = ?1")
                .setParameter(1, tooLarge.id()).getSingleResult());
        assertThat(reason).contains("RecordTooLargeException");
    }

    @Test
    void aRecordThatIsNotAnEventIsRejectedBeforeAnyTransaction() {
        assertThatThrownBy(() -> consumer.process("test", "{\"id\": \"x\"}", event -> {
            throw new AssertionError("must not run");
        })).isInstanceOf(InvalidEventException.class).hasMessageContaining("specversion");
    }

    private long outboxRows(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from vigil_outbox where event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    private long processedRows(String consumerName, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from vigil_processed_event where consumer = ?1 and event_id = ?2")
                .setParameter(1, consumerName).setParameter(2, eventId).getSingleResult()).longValue());
    }

    private static EventCodec.Encoded encoded(CloudEvent event) {
        return new EventCodec.Encoded(event.id(), EventCodec.encode(event));
    }

    private static CloudEvent audit(String action) {
        return audit(action, Map.of());
    }

    private static CloudEvent audit(String action, Map<String, String> details) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        AuditRecorded record = new AuditRecorded(id, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "test", "system",
                action, "test", id, "success", details, now);
        return EventCodec.envelope(id, "/vigil/test", record, id, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, now);
    }
}
