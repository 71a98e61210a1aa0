package io.vigil.notification.incident;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.Channels;
import io.vigil.notification.delivery.DeliveryService;
import io.vigil.notification.digest.Digests;
import io.vigil.notification.parent.ParentMessagePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.incidents.v1}: a newly opened or escalated incident is planned into ledger
 * rows, for staff and the school's webhook destinations, in the consumer's transaction (once per
 * event id), then sent; a silenced one is not. A DSL's approval
 * of parent/carer contact becomes the messages to the guardians it names. Other incident events need
 * no message.
 */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "notification.incidents";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    StaffAlertPlanner planner;

    @Inject
    WebhookAlertPlanner webhooks;

    @Inject
    DeliveryService deliveries;

    @Inject
    Digests digests;

    @Inject
    ParentMessagePlanner parents;

    @Incoming(Channels.INCIDENTS_IN)
    @Blocking
    public void onIncident(ConsumerRecord<String, String> record) {
        CloudEvent incidentEvent = EventCodec.decode(record.value());
        if (EventCodec.isA(incidentEvent, EventType.INCIDENT_UPDATED_V1)) {
            // A status change needs no message, so there is nothing to do or to remember doing.
            return;
        }
        List<UUID> planned = new ArrayList<>();
        consumer.process(CONSUMER, incidentEvent, event -> {
            if (EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)) {
                IncidentOpened opened = EventCodec.payload(event, IncidentOpened.class);
                // A silenced incident is recorded and counted by triage and reporting; nobody is told.
                // A low-severity incident at a school with a digest waits for the digest.
                if (!opened.silenced() && !(opened.severity() == Severity.LOW && digests.gather(opened))) {
                    planned.addAll(planner.plan(event.id(), opened));
                }
                // The school's webhooks, from their minimum severity (the digest is the DSL's e-mail only).
                planned.addAll(webhooks.plan(event.id(), opened));
            } else if (EventCodec.isA(event, EventType.PARENT_CONTACT_APPROVED_V1)) {
                planned.addAll(parents.plan(event.id(), EventCodec.payload(event, ParentContactApproved.class)));
            } else if (EventCodec.isA(event, EventType.INCIDENT_ESCALATED_V1)) {
                IncidentEscalated escalated = EventCodec.payload(event, IncidentEscalated.class);
                planned.addAll(planner.plan(event.id(), escalated));
                planned.addAll(webhooks.plan(event.id(), escalated));
            } else {
                throw new PoisonEventException("unexpected event type '" + event.type() + "' on the incidents topic");
            }
        });
        deliveries.sendAll(planned);
    }
}
