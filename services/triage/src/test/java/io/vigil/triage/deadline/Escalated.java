package io.vigil.triage.deadline;

import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The {@code IncidentEscalated} events of one incident on {@code vigil.incidents.v1}, lowest level first. */
public final class Escalated {

    private Escalated() {
    }

    /** The first {@code count} escalations of the incident, waiting for them to be published. */
    public static List<IncidentEscalated> await(String incidentId, int count) {
        return sorted(TopicProbe.awaitAll(Topics.INCIDENTS, r -> isEscalationOf(r, incidentId), count,
                Duration.ofSeconds(30)).stream());
    }

    /** Every escalation of the incident on the topic now. */
    public static List<IncidentEscalated> all(String incidentId) {
        return sorted(TopicProbe.readAll(Topics.INCIDENTS, Duration.ofSeconds(10)).stream()
                .filter(r -> isEscalationOf(r, incidentId)));
    }

    private static boolean isEscalationOf(ConsumerRecord<String, String> record, String incidentId) {
        return record.key().equals(incidentId) && record.value().contains(EventType.INCIDENT_ESCALATED_V1.type());
    }

    private static List<IncidentEscalated> sorted(Stream<ConsumerRecord<String, String>> records) {
        return records.map(r -> EventCodec.payload(EventCodec.decode(r.value()), IncidentEscalated.class))
                .sorted(Comparator.comparingInt(IncidentEscalated::level)).toList();
    }
}
