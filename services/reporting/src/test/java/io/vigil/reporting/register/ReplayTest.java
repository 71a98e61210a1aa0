package io.vigil.reporting.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import io.vigil.testing.VigilStackResource;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The register's projection replayed: the same events again (same ids) change nothing; a closed incident's
 * history published again under new ids leaves its row and its referrals as they were.
 */
@QuarkusTest
@WithTestResource(value = VigilStackResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ReplayTest {

    private static final Duration PROJECTED_WITHIN = Duration.ofSeconds(90);

    /** One event of the history: its id and payload. */
    private record Event(String id, Record payload) {
    }

    @Test
    void replayingAHistoryChangesNeitherTheRowNorTheReferrals() {
        Instant opened = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IncidentOpened incident = new IncidentOpened(UUID.randomUUID().toString(), DemoTrust.TRUST_ID,
                DemoTrust.NORTH.id(), "self-harm", Severity.HIGH, List.of("test"), "dsl",
                List.of(UUID.randomUUID().toString()), null, opened, opened, null, false, null, null, null, null,
                "north-replay-appliance");
        List<Event> history = new ArrayList<>();
        history.add(new Event(UUID.randomUUID().toString(), incident));
        history.add(event(change(incident, "alert-added", "open", opened.plusSeconds(5), null, null)));
        history.add(new Event(UUID.randomUUID().toString(), new IncidentEscalated(incident.incidentId(),
                incident.trustId(), incident.schoolId(), Severity.HIGH, 1, List.of("head"), "not acknowledged in time",
                null, opened.plusSeconds(30))));
        history.add(event(change(incident, "acknowledged", "acknowledged", opened.plusSeconds(60), null, null)));
        history.add(event(change(incident, "referred", "acknowledged", opened.plusSeconds(120), null, "mash")));
        history.add(event(change(incident, "referred", "acknowledged", opened.plusSeconds(130), null, "police")));
        history.add(event(change(incident, "closed", "closed", opened.plusSeconds(600), "referred", null)));
        history.forEach(e -> publish(incident, e));
        await().atMost(PROJECTED_WITHIN).until(() -> processed(history));
        Map<String, Object> projected = snapshot(incident.incidentId());
        assertThat(projected).containsEntry("status", "closed").containsEntry("escalations", 1)
                .containsEntry("referrals", List.of("mash", "police"));

        // The same events again, with the same ids: every one is recognised and skipped.
        history.forEach(e -> publish(incident, e));
        Event marker = quietMarker(incident, opened.plusSeconds(600));
        publish(incident, marker);
        await().atMost(PROJECTED_WITHIN).until(() -> processed(List.of(marker)));
        assertThat(snapshot(incident.incidentId())).isEqualTo(projected);

        // The closed incident's history again under new ids, as a producer that lost track of what it sent
        // would publish it (the escalation aside: an escalation under a new id is a new escalation). The
        // opening is recognised by its incident id, the referrals by agency and time, and the row ends as
        // the last change left it.
        List<Event> renamed = history.stream().filter(e -> !(e.payload() instanceof IncidentEscalated))
                .map(e -> new Event(UUID.randomUUID().toString(), e.payload())).toList();
        renamed.forEach(e -> publish(incident, e));
        await().atMost(PROJECTED_WITHIN).until(() -> processed(renamed));
        assertThat(snapshot(incident.incidentId())).isEqualTo(projected);
    }

    private static Event event(Record payload) {
        return new Event(UUID.randomUUID().toString(), payload);
    }

    /** A change that leaves the closed row as it is: the marker that everything before it was consumed. */
    private static Event quietMarker(IncidentOpened incident, Instant closedAt) {
        return event(change(incident, "note-added", "closed", closedAt, null, null));
    }

    private static IncidentUpdated change(IncidentOpened incident, String change, String status, Instant at,
            String outcome, String agency) {
        return new IncidentUpdated(incident.incidentId(), incident.trustId(), incident.schoolId(), change, status,
                incident.severity(), 1, "north.dsl", incident.firstSeenAt(), at, outcome, agency, null);
    }

    private static void publish(IncidentOpened incident, Event event) {
        TopicProbe.send(Topics.INCIDENTS, incident.incidentId(), EventCodec.encode(EventCodec.envelope(event.id(),
                "/vigil/triage", event.payload(), incident.incidentId(), incident.trustId(), incident.schoolId(),
                null, Instant.now())));
    }

    /** Whether reporting's incident consumer has processed every one of these events. */
    private static boolean processed(List<Event> events) {
        List<String> ids = events.stream().map(Event::id).toList();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager().createNativeQuery(
                "select count(*) from vigil_processed_event where consumer = ?1 and event_id in (?2)")
                .setParameter(1, IncidentEventConsumer.CONSUMER).setParameter(2, ids).getSingleResult())
                .intValue() == ids.size());
    }

    /** Everything the register holds about the incident. */
    private static Map<String, Object> snapshot(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RegisterEntry entry = RegisterEntry.findById(incidentId);
            Map<String, Object> row = new java.util.TreeMap<>();
            row.put("status", entry.status);
            row.put("severity", entry.severity);
            row.put("alertCount", entry.alertCount);
            row.put("acknowledgedAt", entry.acknowledgedAt);
            row.put("closedAt", entry.closedAt);
            row.put("outcome", entry.outcome);
            row.put("updatedAt", entry.updatedAt);
            row.put("lastSeenAt", entry.lastSeenAt);
            row.put("escalations", entry.escalations);
            row.put("parentContact", entry.parentContact);
            row.put("referrals", Referral.<Referral>list("incidentId = ?1 order by referredAt", incidentId).stream()
                    .map(r -> r.agency).toList());
            return row;
        });
    }

    private static EntityManager entityManager() {
        return io.quarkus.arc.Arc.container().instance(EntityManager.class).get();
    }
}
