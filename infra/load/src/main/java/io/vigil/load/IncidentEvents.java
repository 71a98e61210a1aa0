package io.vigil.load;

import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.stack.DemoRealm;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code IncidentOpened} events as triage publishes them for a webhook alert of South Academy's FortiGate
 * about a user (gambling, low severity, routed to the school's DSL, nobody on call, no silence): keyed by
 * the incident id, with the incident id as subject, the alert as correlation id and the structured
 * CloudEvent content type. Notification writes one e-mail for each to every DSL it knows at the school.
 */
final class IncidentEvents {

    /** Triage's event source. */
    static final String SOURCE = "/vigil/triage";
    static final String SCHOOL_ID = DemoRealm.SOUTH_SCHOOL_ID;
    static final String CATEGORY = "gambling";

    private IncidentEvents() {
    }

    /** A record for a new incident opened {@code at} by one alert; its key is the incident's id. */
    static ProducerRecord<String, String> opened(Instant at) {
        String incidentId = UUID.randomUUID().toString();
        String alertId = UUID.randomUUID().toString();
        IncidentOpened opened = new IncidentOpened(incidentId, DemoRealm.TRUST_ID, SCHOOL_ID, CATEGORY, Severity.LOW,
                List.of("Category " + CATEGORY + ": low"), "dsl", List.of(alertId), null, at, at, List.of(), false,
                List.of(), null, null, null);
        String event = EventCodec.encode(UUID.randomUUID().toString(), SOURCE, opened, incidentId, DemoRealm.TRUST_ID,
                SCHOOL_ID, alertId, at);
        return RawKafkaBaseline.record(Topics.INCIDENTS, incidentId, event);
    }
}
