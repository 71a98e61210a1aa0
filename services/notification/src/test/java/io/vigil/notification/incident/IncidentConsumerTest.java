package io.vigil.notification.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.NotificationTestStack;
import io.vigil.notification.TestSchool;
import io.vigil.notification.delivery.Delivery;
import io.vigil.testing.Mailbox;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStack;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Incident events from the real broker become e-mails through the real SMTP server, once. */
@QuarkusTest
@WithTestResource(NotificationTestStack.class)
class IncidentConsumerTest {

    @Inject
    EntityManager entityManager;

    @Test
    void anOpenedIncidentEmailsThatSchoolsDslOnceWithALinkAndNoDetail() {
        IncidentOpened incident = incident(DemoTrust.NORTH, "dsl");
        String eventId = UUID.randomUUID().toString();
        publish(incident, eventId);
        publish(incident, eventId);

        // A later event with the same key (so on the same partition, after the duplicate) routed to
        // the head: once the head's mail is there, the duplicate has been consumed too.
        IncidentOpened sameIncidentForHead = new IncidentOpened(incident.incidentId(), incident.trustId(),
                incident.schoolId(), incident.category(), incident.severity(), incident.severityReasons(), "head",
                incident.alertIds(), null, incident.firstSeenAt(), incident.openedAt());
        publish(sameIncidentForHead, UUID.randomUUID().toString());

        String dsl = DemoTrust.NORTH.email("dsl");
        Mailbox.await(DemoTrust.NORTH.email("head"), m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(dsl, incident).size() == 1);
        Mailbox.ReceivedMail mail = mailsAbout(dsl, incident).get(0);
        assertThat(mail.subject()).contains("North Primary").contains("high");
        assertThat(mail.body()).contains("/api/v1/incidents/" + incident.incidentId())
                .contains("Severity: high").contains("Category: Commerce").doesNotContain("gambling")
                .doesNotContain(incident.subjectRef());

        // The head's delivery for the same incident is on the topic too: pick the DSL's.
        ConsumerRecord<String, String> delivered = TopicProbe.await(Topics.NOTIFICATIONS,
                r -> r.value().contains(incident.incidentId()) && r.value().contains("notification-delivered")
                        && r.value().contains("\"dsl:" + dsl + "\""),
                Duration.ofSeconds(30));
        NotificationDelivered event = EventCodec.payload(EventCodec.decode(delivered.value()), NotificationDelivered.class);
        assertThat(event.recipientRef()).isEqualTo("dsl:" + dsl);
        assertThat(event.providerReference()).contains(event.notificationId());

        List<Delivery> ledger = QuarkusTransaction.requiringNew()
                .call(() -> Delivery.list("incidentId = ?1 and recipientAddress = ?2", incident.incidentId(), dsl));
        assertThat(ledger).singleElement().satisfies(row -> {
            assertThat(row.state).isEqualTo("sent");
            assertThat(row.attempts).isEqualTo(1);
        });
        // Nobody at the other school is told, and the deputy is not told about a DSL-routed incident.
        assertThat(mailsAbout(DemoTrust.SOUTH.email("dsl"), incident)).isEmpty();
        assertThat(mailsAbout(DemoTrust.NORTH.email("deputy-dsl"), incident)).isEmpty();
    }

    @Test
    void anIncidentNobodyCanBeToldAboutIsRecordedAsFailed() {
        IncidentOpened incident = incident(DemoTrust.SOUTH, "trust-admin");
        publish(incident, UUID.randomUUID().toString());

        ConsumerRecord<String, String> failed = TopicProbe.await(Topics.NOTIFICATIONS,
                r -> r.value().contains(incident.incidentId()) && r.value().contains("notification-failed"),
                Duration.ofSeconds(30));
        NotificationFailed event = EventCodec.payload(EventCodec.decode(failed.value()), NotificationFailed.class);
        assertThat(event.reason()).contains("No trust-admin contact");
        assertThat(event.permanent()).isTrue();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReason() {
        String poison = EventCodec.encode(EventCodec.envelope("/test", incident(DemoTrust.NORTH, "dsl"), "x",
                DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), null, Instant.now()))
                .replace("uk.vigil.incident-opened.v1", "uk.vigil.something-else.v1");
        TopicProbe.send(Topics.INCIDENTS, "poison", poison);

        ConsumerRecord<String, String> dead = TopicProbe.await(Topics.deadLetterOf(Topics.INCIDENTS),
                r -> poison.equals(r.value()), Duration.ofSeconds(30));
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unexpected event type");
    }

    @Test
    void illegalContentReachesTheDslAndTheHeadAtOnceWithTheStepsToTake() {
        IncidentOpened base = incident(DemoTrust.NORTH, "dsl");
        IncidentOpened incident = new IncidentOpened(base.incidentId(), base.trustId(), base.schoolId(),
                "child-sexual-abuse-material", Severity.CRITICAL, List.of("Illegal content"), "dsl", base.alertIds(),
                null, base.firstSeenAt(), base.openedAt(), List.of("head"), false,
                List.of("Do not view, copy, print, forward or save the material"), null);
        publish(incident, UUID.randomUUID().toString());
        for (String role : List.of("dsl", "head")) {
            Mailbox.ReceivedMail mail = Mailbox.await(DemoTrust.NORTH.email(role),
                    m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(30));
            assertThat(mail.body()).contains("What to do now:").contains("- Do not view, copy")
                    .contains("Severity: critical").doesNotContain("http://www.").doesNotContain("https://www.");
        }
    }

    @Test
    void anEscalationEmailsTheNextRoleUpTheLadderWithTheReasonAndNoDetail() {
        IncidentOpened base = incident(DemoTrust.SOUTH, "dsl");
        IncidentEscalated escalated = new IncidentEscalated(base.incidentId(), base.trustId(), base.schoolId(),
                Severity.CRITICAL, 1, List.of("deputy-dsl"), "Not acknowledged within 15 minutes", null, Instant.now());
        CloudEvent event = EventCodec.envelope(UUID.randomUUID().toString(), "/vigil/triage", escalated,
                escalated.incidentId(), escalated.trustId(), escalated.schoolId(), null, escalated.escalatedAt());
        TopicProbe.send(Topics.INCIDENTS, escalated.incidentId(), EventCodec.encode(event));
        Mailbox.ReceivedMail mail = Mailbox.await(DemoTrust.SOUTH.email("deputy-dsl"),
                m -> m.body().contains(base.incidentId()), Duration.ofSeconds(30));
        assertThat(mail.subject()).contains("escalated to you");
        assertThat(mail.body()).contains("Why: Not acknowledged within 15 minutes")
                .doesNotContain(base.subjectRef());
    }

    @Test
    void aMissedLadoTimerUsesTheLadoWordingWithoutTheAllegation() {
        IncidentOpened base = incident(DemoTrust.SOUTH, "head");
        IncidentEscalated lado = new IncidentEscalated(base.incidentId(), base.trustId(), base.schoolId(),
                Severity.HIGH, 1, List.of("head"), "The LADO has not been consulted within one working day", null,
                Instant.now(), null, "sexual-harassment", EscalationCause.LADO_TIMER);
        CloudEvent event = EventCodec.envelope(UUID.randomUUID().toString(), "/vigil/triage", lado,
                lado.incidentId(), lado.trustId(), lado.schoolId(), null, lado.escalatedAt());
        TopicProbe.send(Topics.INCIDENTS, lado.incidentId(), EventCodec.encode(event));
        Mailbox.ReceivedMail mail = Mailbox.await(DemoTrust.SOUTH.email("head"),
                m -> m.body().contains(base.incidentId()), Duration.ofSeconds(30));
        assertThat(mail.subject()).contains("needs its LADO referral").contains("South");
        assertThat(mail.body()).contains("within one working day").doesNotContain("sexual")
                .doesNotContain(base.subjectRef());
    }

    @Test
    void aSilentApplianceIsNamedWithSinceWhenInTheSchoolsTime() {
        IncidentOpened base = incident(DemoTrust.NORTH, "dsl");
        Instant silentSince = Instant.parse("2026-11-23T09:40:00Z");
        IncidentOpened silent = new IncidentOpened(base.incidentId(), base.trustId(), base.schoolId(),
                "monitoring-failure", Severity.MEDIUM, List.of("appliance silent"), "dsl", List.of(),
                "Smoothwall filter (main site)", silentSince, Instant.now());
        publish(silent, UUID.randomUUID().toString());
        Mailbox.ReceivedMail mail = Mailbox.await(DemoTrust.NORTH.email("dsl"),
                m -> m.body().contains(base.incidentId()), Duration.ofSeconds(30));
        assertThat(mail.subject()).contains("nothing heard from Smoothwall filter (main site)").contains("North");
        assertThat(mail.body()).contains("since Monday 23 November, 09:40");
    }

    @Test
    void aSilencedIncidentTellsNobody() {
        IncidentOpened base = incident(DemoTrust.NORTH, "dsl");
        IncidentOpened silenced = new IncidentOpened(base.incidentId(), base.trustId(), base.schoolId(),
                base.category(), base.severity(), base.severityReasons(), "dsl", base.alertIds(), null,
                base.firstSeenAt(), base.openedAt(), null, false, null, null, null, UUID.randomUUID().toString());
        publish(silenced, UUID.randomUUID().toString());
        // The same incident opened again without the silence, after it on the same partition: once
        // its mail is there, the silenced event has been consumed.
        publish(base, UUID.randomUUID().toString());
        String dsl = DemoTrust.NORTH.email("dsl");
        Mailbox.await(dsl, m -> m.body().contains(base.incidentId()), Duration.ofSeconds(30));
        assertThat(mailsAbout(dsl, base)).hasSize(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Delivery.count("incidentId", base.incidentId())))
                .isEqualTo(1);
    }

    @Test
    void aPollWithPoisonRecordsPlansEveryOtherEventOnceAndDeadLettersOnlyThePoison() {
        TestSchool school = TestSchool.create(entityManager, List.of("dsl", "deputy-dsl", "head"));
        IncidentOpened first = incident(school, "dsl");
        IncidentOpened second = incident(school, "dsl");
        IncidentOpened forHead = incident(school, "head");
        IncidentEscalated firstEscalated = new IncidentEscalated(first.incidentId(), first.trustId(), first.schoolId(),
                Severity.HIGH, 1, List.of("deputy-dsl"), "Not acknowledged within 4 hours", null, Instant.now());
        String wrongType = EventCodec.encode(envelope(incident(school, "dsl"))).replace("uk.vigil.incident-opened.v1",
                "uk.vigil.something-else.v1");
        String notAnEvent = "not an event about " + school.id();
        String firstOpened = EventCodec.encode(envelope(first));
        // One producer batch on one partition (one key): the consumer takes the records in one poll.
        publishTogether(school.id(), List.of(firstOpened, wrongType, EventCodec.encode(envelope(second)), notAnEvent,
                EventCodec.encode(EventCodec.envelope(UUID.randomUUID().toString(), "/vigil/triage", firstEscalated,
                        first.incidentId(), first.trustId(), first.schoolId(), null, firstEscalated.escalatedAt())),
                firstOpened, EventCodec.encode(envelope(forHead))));

        List<ConsumerRecord<String, String>> dead = TopicProbe.awaitAll(Topics.deadLetterOf(Topics.INCIDENTS),
                r -> r.value().contains(school.id()), 2, Duration.ofSeconds(60));
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(wrongType, notAnEvent);
        assertThat(new String(dead.stream().filter(r -> r.value().equals(wrongType)).findFirst().orElseThrow()
                .headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unexpected event type");

        for (IncidentOpened incident : List.of(first, second)) {
            Mailbox.await(school.email("dsl"), m -> m.body().contains(incident.incidentId()), Duration.ofSeconds(60));
        }
        Mailbox.await(school.email("head"), m -> m.body().contains(forHead.incidentId()), Duration.ofSeconds(60));
        Mailbox.ReceivedMail escalation = Mailbox.await(school.email("deputy-dsl"),
                m -> m.body().contains(first.incidentId()), Duration.ofSeconds(60));
        assertThat(escalation.subject()).contains("escalated to you");
        List<Delivery> ledger = await().atMost(Duration.ofSeconds(30)).until(
                () -> QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list("schoolId", school.id())),
                rows -> rows.size() == 4 && rows.stream().allMatch(row -> "sent".equals(row.state)));
        assertThat(ledger).extracting(row -> row.incidentId).containsExactlyInAnyOrder(first.incidentId(),
                first.incidentId(), second.incidentId(), forHead.incidentId());
        // The first incident's event came twice in the poll: its DSL was told once.
        assertThat(mailsAbout(school.email("dsl"), first)).hasSize(1);
        assertThat(mailsAbout(school.email("dsl"), second)).hasSize(1);
        // Every record after the poison was planned by now: only the two poison records were dead-lettered.
        assertThat(TopicProbe.readAll(Topics.deadLetterOf(Topics.INCIDENTS), Duration.ofSeconds(10)))
                .filteredOn(r -> r.value().contains(school.id())).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder(wrongType, notAnEvent);
    }

    private static List<Mailbox.ReceivedMail> mailsAbout(String address, IncidentOpened incident) {
        return Mailbox.messagesFor(address).stream().filter(m -> m.body().contains(incident.incidentId())).toList();
    }

    static IncidentOpened incident(DemoTrust.School school, String routedTo) {
        return incident(school.id(), routedTo);
    }

    static IncidentOpened incident(TestSchool school, String routedTo) {
        return incident(school.id(), routedTo);
    }

    private static IncidentOpened incident(String schoolId, String routedTo) {
        Instant now = Instant.now();
        return new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID, schoolId, "gambling",
                Severity.HIGH, List.of("test"), routedTo, List.of(UUID.randomUUID().toString()),
                "pupil-" + UUID.randomUUID(), now, now);
    }

    private static CloudEvent envelope(IncidentOpened incident) {
        return EventCodec.envelope(UUID.randomUUID().toString(), "/vigil/triage", incident, incident.incidentId(),
                incident.trustId(), incident.schoolId(), null, incident.openedAt());
    }

    /** Produces the records under one key in one producer batch, and waits until the broker has them all. */
    static void publishTogether(String key, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilStack.endpoints().kafkaBootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sent = values.stream()
                    .map(value -> producer.send(new ProducerRecord<>(Topics.INCIDENTS, key, value))).toList();
            producer.flush();
            for (Future<RecordMetadata> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not produce to " + Topics.INCIDENTS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void publish(IncidentOpened incident, String eventId) {
        CloudEvent event = EventCodec.envelope(eventId, "/vigil/triage", incident, incident.incidentId(),
                incident.trustId(), incident.schoolId(), null, incident.openedAt());
        TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(event));
    }
}
