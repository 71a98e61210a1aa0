package io.vigil.reporting.register;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.reporting.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Builds the incident register from {@code vigil.incidents.v1}, once per event id. */
@ApplicationScoped
public class IncidentEventConsumer {

    static final String CONSUMER = "reporting.incidents";

    @Inject
    IdempotentConsumer consumer;

    @Incoming(Channels.INCIDENTS_IN)
    @Blocking
    public void onIncidentEvent(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record.value(), this::apply);
    }

    void apply(CloudEvent event) {
        if (EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)) {
            opened(EventCodec.payload(event, IncidentOpened.class));
        } else if (EventCodec.isA(event, EventType.INCIDENT_UPDATED_V1)) {
            updated(EventCodec.payload(event, IncidentUpdated.class));
        } else if (EventCodec.isA(event, EventType.PARENT_CONTACT_APPROVED_V1)
                || EventCodec.isA(event, EventType.INCIDENT_ESCALATED_V1)) {
            // The register keeps status and outcome: a parent-contact decision arrives as an
            // IncidentUpdated too, and escalations do not change the register's row.
            return;
        } else {
            throw new PoisonEventException("unexpected event type '" + event.type() + "' on the incidents topic");
        }
    }

    private static void opened(IncidentOpened incident) {
        if (RegisterEntry.findById(incident.incidentId()) != null) {
            return;
        }
        RegisterEntry entry = new RegisterEntry();
        entry.incidentId = incident.incidentId();
        entry.trustId = incident.trustId();
        entry.schoolId = incident.schoolId();
        entry.category = incident.category();
        entry.severity = incident.severity().wireName();
        entry.status = "open";
        entry.routedTo = incident.routedTo();
        entry.alertCount = incident.alertIds().size();
        entry.firstSeenAt = incident.firstSeenAt();
        entry.openedAt = incident.openedAt();
        entry.updatedAt = incident.openedAt();
        entry.persist();
    }

    private static void updated(IncidentUpdated update) {
        RegisterEntry entry = RegisterEntry.findById(update.incidentId());
        if (entry == null) {
            // Keyed by incident id, an update never overtakes its opening on the topic.
            throw new PoisonEventException("update for unknown incident " + update.incidentId());
        }
        entry.status = update.status();
        entry.severity = update.severity().wireName();
        entry.alertCount = update.alertCount();
        entry.updatedAt = update.updatedAt();
    }
}
