package io.vigil.triage.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import io.vigil.triage.incident.Incident;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * A poll's records as the Kafka connector hands them to {@link AlertConsumer}, with the connector's
 * commit and dead-letter strategies replaced by ones that record what they were given: what is
 * processed together, what goes to the dead-letter topic alone, and which offsets are acknowledged.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "triage"))
class AlertBatchTest {

    @Inject
    AlertConsumer consumer;

    @Inject
    EntityManager entityManager;

    /** A record that is not a CloudEvent at all. */
    private static final String POISON = "{\"not\": \"an event\"}";

    /** What the connector's strategies were asked to do. */
    static final class Strategies implements KafkaCommitHandler, KafkaFailureHandler {

        final List<Long> acknowledged = new CopyOnWriteArrayList<>();
        final List<Long> deadLettered = new CopyOnWriteArrayList<>();
        final List<String> reasons = new CopyOnWriteArrayList<>();
        /** Whether writing to the dead-letter topic fails (the broker refusing it). */
        boolean deadLetterTopicFails;

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
            acknowledged.add(record.getOffset());
            return Uni.createFrom().voidItem();
        }

        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            // As the dead-letter strategy does: write the record with the reason, then acknowledge it.
            if (deadLetterTopicFails) {
                return Uni.createFrom().failure(new IllegalStateException("the broker refused the dead letter"));
            }
            deadLettered.add(record.getOffset());
            reasons.add(reason.getMessage());
            return Uni.createFrom().completionStage(record.ack());
        }
    }

    @Test
    void aPoisonRecordInTheMiddleOfAPollIsDeadLetteredAloneAndTheOthersAreProcessed() {
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now();
        AlertReceived first = blocked(user, start);
        AlertReceived last = blocked("other-" + user, start.plusSeconds(1));
        Strategies strategies = new Strategies();

        consumer.onAlerts(poll(strategies, 100, event(first), POISON, event(last))).toCompletableFuture().join();

        assertThat(strategies.deadLettered).containsExactly(101L);
        assertThat(strategies.reasons).singleElement().asString().contains("missing CloudEvents attribute");
        assertThat(strategies.acknowledged).contains(102L);
        assertThat(alertCountOfIncidentWith(first.alertId())).isEqualTo(1);
        assertThat(alertCountOfIncidentWith(last.alertId())).isEqualTo(1);
    }

    @Test
    void twoPoisonRecordsInALargePollAreDeadLetteredAloneAndEveryOtherAlertIsPlacedOnce() {
        // The poll is split in halves until each poison record stands alone, so both halves' alerts around
        // them are processed in groups, in their order, and none twice.
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now();
        List<String> values = new ArrayList<>();
        List<AlertReceived> alerts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i == 7 || i == 30) {
                values.add(POISON);
            }
            AlertReceived alert = blocked(user + "-" + (i % 5), start.plusMillis(i));
            alerts.add(alert);
            values.add(event(alert));
        }
        Strategies strategies = new Strategies();

        consumer.onAlerts(poll(strategies, 300, values.toArray(String[]::new))).toCompletableFuture().join();

        assertThat(strategies.deadLettered).containsExactly(307L, 331L);
        assertThat(strategies.acknowledged).contains(341L);
        for (int u = 0; u < 5; u++) {
            String subject = user + "-" + u;
            assertThat(alertCountOfIncidentWith(alerts.get(u).alertId())).as(subject).isEqualTo(8);
        }
    }

    @Test
    void aPoisonRecordAtTheEndOfAPollIsDeadLetteredAndAcknowledgedOnce() {
        AlertReceived alert = blocked("pupil-" + UUID.randomUUID(), now());
        Strategies strategies = new Strategies();

        consumer.onAlerts(poll(strategies, 200, event(alert), POISON)).toCompletableFuture().join();

        assertThat(strategies.deadLettered).containsExactly(201L);
        assertThat(strategies.acknowledged).containsExactly(201L);
        assertThat(alertCountOfIncidentWith(alert.alertId())).isEqualTo(1);
    }

    @Test
    void whenThePoisonRecordCannotBeDeadLetteredNoOffsetOfThePollIsAcknowledged() {
        AlertReceived alert = blocked("pupil-" + UUID.randomUUID(), now());
        Strategies strategies = new Strategies();
        strategies.deadLetterTopicFails = true;

        consumer.onAlerts(poll(strategies, 250, POISON, event(alert))).toCompletableFuture().join();

        // Nothing committed past the poison record: the poll is read again, and the alert is not placed twice.
        assertThat(strategies.acknowledged).isEmpty();
        assertThat(strategies.deadLettered).isEmpty();
        assertThat(alertCountOfIncidentWith(alert.alertId())).isEqualTo(1);
        consumer.onAlerts(poll(new Strategies(), 250, POISON, event(alert))).toCompletableFuture().join();
        assertThat(alertCountOfIncidentWith(alert.alertId())).isEqualTo(1);
    }

    @Test
    void aBurstInOnePollIsOneIncidentWithEveryAlertCountedAndOneIncidentOpened() {
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now();
        List<AlertReceived> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(blocked(user, start.plusSeconds(i)));
        }
        Strategies strategies = new Strategies();

        consumer.onAlerts(poll(strategies, 300, burst.stream().map(AlertBatchTest::event).toArray(String[]::new)))
                .toCompletableFuture().join();

        assertThat(strategies.deadLettered).isEmpty();
        assertThat(strategies.acknowledged).containsExactly(329L);
        Incident incident = incidentWith(burst.get(0).alertId());
        assertThat(incident.alertCount).isEqualTo(30);
        assertThat(incident.firstSeenAt).isEqualTo(burst.get(0).occurredAt());
        assertThat(incident.lastSeenAt).isEqualTo(burst.get(29).occurredAt());
        for (AlertReceived alert : burst) {
            assertThat(incidentWith(alert.alertId()).id).isEqualTo(incident.id);
        }
        IncidentOpened opened = Alerts.awaitOpened(burst.get(0).alertId());
        assertThat(opened.incidentId()).isEqualTo(incident.id.toString());
        assertThat(opened.alertIds()).containsExactly(burst.get(0).alertId());
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRowsFor(incident.id.toString()) == 0);
        long openedEvents = TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(30)).stream()
                .filter(r -> incident.id.toString().equals(r.key()))
                .filter(r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type()))
                .count();
        assertThat(openedEvents).isEqualTo(1);
    }

    @Test
    void eachAlertOfAPollPassesItsOwnTraceOnToTheIncidentItOpensAndToTheRecordsHeader() {
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now();
        AlertReceived first = blocked(user, start);
        AlertReceived second = blocked("other-" + user, start.plusSeconds(1));
        String firstTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String secondTrace = "0af7651916cd43dd8448eb211c80319c";
        Strategies strategies = new Strategies();

        consumer.onAlerts(poll(strategies, 700, traced(event(first), firstTrace), traced(event(second), secondTrace)))
                .toCompletableFuture().join();

        assertThat(traceIdOfIncidentOpenedFor(first)).containsOnly(firstTrace);
        assertThat(traceIdOfIncidentOpenedFor(second)).containsOnly(secondTrace);
    }

    /** {@code event} as intake sends it from a traced request: a span of {@code traceId} published it. */
    private static String traced(String event, String traceId) {
        return EventCodec.withTraceContext(event, "00-" + traceId + "-00f067aa0ba902b7-01", null);
    }

    /** The trace ids of the IncidentOpened of the incident {@code alert} opened: its envelope's and its header's. */
    private static List<String> traceIdOfIncidentOpenedFor(AlertReceived alert) {
        String incidentId = incidentWith(alert.alertId()).id.toString();
        var record = TopicProbe.await(Topics.INCIDENTS, r -> incidentId.equals(r.key())
                && EventCodec.isA(EventCodec.decode(r.value()), EventType.INCIDENT_OPENED_V1), Duration.ofSeconds(30));
        String envelope = EventCodec.decode(record.value()).traceparent();
        var header = record.headers().lastHeader("traceparent");
        assertThat(envelope).isNotNull();
        assertThat(header).as("traceparent header").isNotNull();
        return List.of(envelope.split("-")[1],
                new String(header.value(), java.nio.charset.StandardCharsets.US_ASCII).split("-")[1]);
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now();
        String[] events = {event(blocked(user, start)), event(blocked(user, start.plusSeconds(5))),
            event(blocked("other-" + user, start.plusSeconds(6)))};
        AlertReceived first = EventCodec.payload(EventCodec.decode(events[0]), AlertReceived.class);
        AlertReceived other = EventCodec.payload(EventCodec.decode(events[2]), AlertReceived.class);

        consumer.onAlerts(poll(new Strategies(), 400, events)).toCompletableFuture().join();
        Incident before = incidentWith(first.alertId());
        long incidentsBefore = incidentsAbout(user);
        Strategies again = new Strategies();
        consumer.onAlerts(poll(again, 400, events)).toCompletableFuture().join();

        Incident after = incidentWith(first.alertId());
        assertThat(after.alertCount).isEqualTo(2).isEqualTo(before.alertCount);
        assertThat(after.lastSeenAt).isEqualTo(before.lastSeenAt);
        assertThat(after.severity).isEqualTo(before.severity);
        assertThat(alertCountOfIncidentWith(other.alertId())).isEqualTo(1);
        assertThat(incidentsAbout(user)).isEqualTo(incidentsBefore).isEqualTo(2);
        assertThat(again.deadLettered).isEmpty();
        assertThat(again.acknowledged).containsExactly(402L);
    }

    @Test
    void theSameAlertTwiceInOnePollUnderTwoEventIdsIsStoredOnce() {
        AlertReceived alert = blocked("pupil-" + UUID.randomUUID(), now());
        String once = event(alert);
        String underAnotherId = EventCodec.encode(EventCodec.envelope(UUID.randomUUID().toString(), "/vigil/intake",
                alert, alert.alertId(), alert.trustId(), alert.schoolId(), alert.alertId(), alert.receivedAt()));

        consumer.onAlerts(poll(new Strategies(), 500, once, once, underAnotherId)).toCompletableFuture().join();

        assertThat(alertCountOfIncidentWith(alert.alertId())).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(
                () -> IncidentAlert.count("sourceEventId", alert.sourceEventId()))).isEqualTo(1);
    }

    @Test
    void alertsOfASchoolArePlacedInTheOrderOfThePartition() {
        // In order, each alert is within the 10-minute window of the one before: one incident of three.
        // Placed out of order, the third would be 16 minutes after the first and open a second one.
        String user = "pupil-" + UUID.randomUUID();
        Instant start = now().minus(Duration.ofMinutes(30));
        AlertReceived first = blocked(user, start);
        AlertReceived second = blocked(user, start.plus(Duration.ofMinutes(8)));
        AlertReceived third = blocked(user, start.plus(Duration.ofMinutes(16)));

        consumer.onAlerts(poll(new Strategies(), 600, event(first), event(second), event(third)))
                .toCompletableFuture().join();

        Incident incident = incidentWith(first.alertId());
        assertThat(incident.alertCount).isEqualTo(3);
        assertThat(incidentWith(third.alertId()).id).isEqualTo(incident.id);
        assertThat(incident.lastSeenAt).isEqualTo(third.occurredAt());
    }

    @Test
    void aPollOfSeveralSchoolsWithRepeatedKeysMakesTheSameIncidentsAndEventsAsOneAlertAtATime() {
        Instant start = now().minus(Duration.ofHours(2));
        List<AlertReceived> together = scenario("together-" + UUID.randomUUID(), start);
        List<AlertReceived> alone = scenario("alone-" + UUID.randomUUID(), start);

        // Each school's alerts on its own partition, as intake keys them; one poll of both partitions.
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long[] offsets = {700, 700};
        for (AlertReceived alert : together) {
            int partition = alert.schoolId().equals(DemoTrust.NORTH.id()) ? 0 : 1;
            records.add(new ConsumerRecord<>(Topics.ALERTS, partition, offsets[partition]++, alert.schoolId(),
                    event(alert)));
        }
        // The same alert again under the same event id: processed once.
        records.add(new ConsumerRecord<>(Topics.ALERTS, 0, offsets[0]++, DemoTrust.NORTH.id(), event(together.get(4))));
        Strategies strategies = new Strategies();
        consumer.onAlerts(poll(strategies, records)).toCompletableFuture().join();
        assertThat(strategies.deadLettered).isEmpty();
        assertThat(strategies.acknowledged).containsExactlyInAnyOrder(offsets[0] - 1, offsets[1] - 1);

        long offset = 800;
        for (AlertReceived alert : alone) {
            consumer.onAlerts(poll(new Strategies(), offset++, event(alert))).toCompletableFuture().join();
        }

        List<String> placedTogether = placement(together);
        List<String> placedAlone = placement(alone);
        assertThat(placedTogether).isEqualTo(placedAlone);
        // Not trivial: alerts join incidents across the poll, and the gap opens new ones for the same keys.
        long incidents = placedTogether.stream().map(p -> p.substring(0, p.indexOf(' '))).distinct().count();
        assertThat(incidents).isGreaterThan(6).isLessThanOrEqualTo(together.size() / 2);
        assertThat(eventsOf(together)).isEqualTo(eventsOf(alone)).isNotEmpty();
    }

    /**
     * Alerts of both demo schools interleaved, three users each, two categories, the same keys
     * repeated, and an 11-minute gap halfway so the same keys open new incidents after it.
     */
    private static List<AlertReceived> scenario(String tag, Instant start) {
        List<AlertReceived> alerts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            DemoTrust.School school = i % 2 == 0 ? DemoTrust.NORTH : DemoTrust.SOUTH;
            String user = tag + "-user-" + (i / 2) % 3;
            String category = i % 5 == 0 ? "Adult Content" : "Gambling";
            Instant at = start.plusSeconds(20L * i).plus(i >= 20 ? Duration.ofMinutes(11) : Duration.ZERO);
            String id = UUID.randomUUID().toString();
            alerts.add(new AlertReceived(id, DemoTrust.TRUST_ID, school.id(), school.applianceId(), id,
                    SourceKind.FILTERING, "smoothwall", category, "blocked", user, null, null, 3, at, at));
        }
        return alerts;
    }

    /**
     * Where each alert of a scenario went, by position: the position of the first alert of its
     * incident, with the incident's count, first and last alert, category, severity and status.
     */
    private static List<String> placement(List<AlertReceived> alerts) {
        Map<UUID, Integer> firstOf = new java.util.HashMap<>();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Incident incident = incidentWith(alerts.get(i).alertId());
            int first = firstOf.computeIfAbsent(incident.id, id -> placed.size());
            placed.add(first + " " + incident.alertCount + " " + alerts.indexOf(alertAt(alerts, incident.firstSeenAt))
                    + " " + alerts.indexOf(alertAt(alerts, incident.lastSeenAt)) + " " + incident.category + " "
                    + incident.severity + " " + incident.status);
        }
        return placed;
    }

    private static AlertReceived alertAt(List<AlertReceived> alerts, Instant at) {
        return alerts.stream().filter(a -> a.occurredAt().equals(at)).findFirst().orElseThrow();
    }

    /** The incident events announced for a scenario's incidents: each incident's, by the position of its first alert. */
    private static Map<Integer, List<String>> eventsOf(List<AlertReceived> alerts) {
        Map<String, Integer> byIncident = new java.util.HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            byIncident.putIfAbsent(incidentWith(alerts.get(i).alertId()).id.toString(), i);
        }
        Map<Integer, List<String>> events = new java.util.TreeMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> Incident
                .getEntityManager().createNativeQuery("select count(*) from vigil_outbox where message_key in ?1")
                .setParameter(1, byIncident.keySet()).getSingleResult()).equals(0L));
        for (var record : TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(30))) {
            Integer first = byIncident.get(record.key());
            if (first != null) {
                var event = EventCodec.decode(record.value());
                String change = EventCodec.isA(event, EventType.INCIDENT_OPENED_V1) ? "opened"
                        : EventCodec.payload(event, io.vigil.contracts.incident.IncidentUpdated.class).change()
                                + " " + EventCodec.payload(event, io.vigil.contracts.incident.IncidentUpdated.class)
                                        .alertCount();
                events.computeIfAbsent(first, k -> new ArrayList<>()).add(change);
            }
        }
        return events;
    }

    /** Now, to the millisecond, so it compares equal once PostgreSQL has kept it (to the microsecond). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AlertReceived blocked(String user, Instant at) {
        String id = UUID.randomUUID().toString();
        return new AlertReceived(id, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), DemoTrust.NORTH.applianceId(), id,
                SourceKind.FILTERING, "smoothwall", "Gambling", "blocked", user, null, null, null, at, at);
    }

    private static String event(AlertReceived alert) {
        return EventCodec.encode(EventCodec.envelope(alert.alertId(), "/vigil/intake", alert, alert.alertId(),
                alert.trustId(), alert.schoolId(), alert.alertId(), alert.receivedAt()));
    }

    /** The records as one poll of partition 0 of the alerts topic, from {@code offset} on. */
    private static IncomingKafkaRecordBatch<String, String> poll(Strategies strategies, long offset, String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(Topics.ALERTS, 0, offset + i, DemoTrust.NORTH.id(), values[i]));
        }
        return poll(strategies, records);
    }

    /** The records as one poll, each of its own partition, in their order. */
    private static IncomingKafkaRecordBatch<String, String> poll(Strategies strategies,
            List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(record);
        }
        return new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition), "alerts-in", 0, strategies,
                strategies, false, false);
    }

    private static Incident incidentWith(String alertId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IncidentAlert stored = IncidentAlert.findById(alertId);
            return stored == null ? null : Incident.<Incident>findById(stored.incidentId);
        });
    }

    private static int alertCountOfIncidentWith(String alertId) {
        Incident incident = incidentWith(alertId);
        return incident == null ? 0 : incident.alertCount;
    }

    private static long incidentsAbout(String user) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.count("subjectRef in ?1",
                List.of(user, "other-" + user)));
    }

    private long outboxRowsFor(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from vigil_outbox where message_key = ?1").setParameter(1, key).getSingleResult())
                .longValue());
    }
}
