package io.vigil.load;

import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Incident histories as triage publishes them on {@code vigil.incidents.v1} (keyed by incident id, source
 * {@code /vigil/triage}): each incident opens ({@code IncidentOpened}), and as cases go, half gain an alert,
 * four in five are acknowledged, one in five of those is referred, and three in five of those acknowledged
 * are closed, a third of them as false positives. The trusts and schools are the run's own, so what
 * reporting made of them can be counted apart.
 */
final class IncidentHistories {

    private static final String SOURCE = "/vigil/triage";
    private static final String[] CATEGORIES = {"gambling", "pornography", "self-harm", "bullying", "violence"};

    private final String trustId;
    private final Random random;
    private long incidents;
    private long closed;
    private long referrals;
    private long events;

    IncidentHistories(String trustId, long seed) {
        this.trustId = trustId;
        this.random = new Random(seed);
    }

    String trustId() {
        return trustId;
    }

    long incidents() {
        return incidents;
    }

    long closed() {
        return closed;
    }

    long referrals() {
        return referrals;
    }

    long events() {
        return events;
    }

    /** One event as published: its CloudEvent id and the record that carries it. */
    record Event(String id, ProducerRecord<String, String> record) {
    }

    /** The events of one more incident's history, in the order triage publishes them. */
    List<Event> next(Instant at) {
        String incidentId = UUID.randomUUID().toString();
        String schoolId = trustId + "-school-" + random.nextInt(6);
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        Severity severity = Severity.values()[random.nextInt(Severity.values().length)];
        List<Record> payloads = new ArrayList<>();
        payloads.add(new IncidentOpened(incidentId, trustId, schoolId, category, severity,
                List.of("Category " + category), "dsl", List.of(UUID.randomUUID().toString()), null, at, at, null,
                false, null, "person-" + random.nextInt(10_000), null, null, schoolId + "-fortigate"));
        int alerts = 1;
        if (random.nextBoolean()) {
            alerts++;
            payloads.add(update(incidentId, schoolId, "alert-added", "open", severity, alerts, at.plusSeconds(30),
                    null, null));
        }
        if (random.nextInt(5) > 0) {
            payloads.add(update(incidentId, schoolId, "acknowledged", "acknowledged", severity, alerts,
                    at.plusSeconds(600), null, null));
            if (random.nextInt(5) == 0) {
                payloads.add(update(incidentId, schoolId, "referred", "acknowledged", severity, alerts,
                        at.plusSeconds(900), null, "mash"));
                referrals++;
            }
            if (random.nextInt(5) < 3) {
                payloads.add(update(incidentId, schoolId, "closed", "closed", severity, alerts, at.plusSeconds(3_600),
                        random.nextInt(3) == 0 ? "false-positive" : "handled-in-school", null));
                closed++;
            }
        }
        incidents++;
        List<Event> history = new ArrayList<>();
        for (Record payload : payloads) {
            String eventId = UUID.randomUUID().toString();
            String event = EventCodec.encode(eventId, SOURCE, payload, incidentId, trustId, schoolId, null, at);
            history.add(new Event(eventId, RawKafkaBaseline.record(Topics.INCIDENTS, incidentId, event)));
            events++;
        }
        return history;
    }

    private IncidentUpdated update(String incidentId, String schoolId, String change, String status,
            Severity severity, int alerts, Instant at, String outcome, String agency) {
        return new IncidentUpdated(incidentId, trustId, schoolId, change, status, severity, alerts, "dsl", at, at,
                outcome, agency, null);
    }
}
