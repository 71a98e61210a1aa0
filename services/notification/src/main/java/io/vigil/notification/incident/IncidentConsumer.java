package io.vigil.notification.incident;

import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.common.inbox.PollConsumer;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.tracing.EventSpans;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.ParentContactApproved;
import io.vigil.contracts.incident.Severity;
import io.vigil.notification.Channels;
import io.vigil.notification.TransactionMemo;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.digest.Digests;
import io.vigil.notification.parent.ParentMessagePlanner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.incidents.v1} a poll at a time: a newly opened or escalated incident is
 * planned into ledger rows, for staff and the school's webhook destinations, a silenced one is not; a
 * DSL's approval of parent/carer contact becomes the messages to the guardians it names. Other
 * incident events need no message and are skipped. The poll's events are planned together in one
 * transaction (each event id once), with the school's contacts, channels, preferences and wording read
 * once for the poll; the rows are sent once it commits. If that fails, the poll is split and its halves
 * planned again, down to single records, each in its own transaction with retries, so a record that is not a
 * valid event, or that cannot be planned, goes to {@code vigil.incidents.v1.dlq} alone with its reason
 * and the others are planned. Offsets are acknowledged only once every record of the poll is planned
 * or dead-lettered.
 */
@ApplicationScoped
public class IncidentConsumer {

    static final String CONSUMER = "notification.incidents";

    @Inject
    PollConsumer polls;

    @Inject
    StaffAlertPlanner planner;

    @Inject
    WebhookAlertPlanner webhooks;

    @Inject
    Digests digests;

    @Inject
    ParentMessagePlanner parents;

    @Inject
    Outbox outbox;

    @Inject
    TransactionMemo memo;

    @Inject
    EntityManager entityManager;

    @Incoming(Channels.INCIDENTS_IN)
    @Blocking
    public CompletionStage<Void> onIncidents(KafkaRecordBatch<String, String> batch) {
        // The rows planned to go at once are sent when the plan commits (DeliveryService.sendOnCommit).
        return polls.process(CONSUMER, batch, IncidentConsumer::needsMessages, this::plan);
    }

    /** A status change needs no message, so there is nothing to do or to remember doing. */
    private static boolean needsMessages(CloudEvent event) {
        return !EventCodec.isA(event, EventType.INCIDENT_UPDATED_V1);
    }

    /**
     * Plans the events in order, in the caller's transaction, with the poll's look-ups remembered and
     * its outbox rows written together at the end.
     */
    private void plan(List<CloudEvent> events) {
        outbox.collecting(() -> memo.during(() -> {
            preload(events);
            for (CloudEvent event : events) {
                // The messages planned for this event are sent, and recorded, in its trace.
                try (Scope scope = EventSpans.activate(event)) {
                    planOne(event);
                }
            }
            return null;
        }));
    }

    /** Reads once which of the events' incidents already have ledger rows and a remembered visibility. */
    private void preload(List<CloudEvent> events) {
        if (events.size() < 2 || events.stream().anyMatch(event -> event.subject() == null)) {
            return; // one event, or one without its incident as subject: each look-up reads as it goes
        }
        // An incident event's subject is its incident. Were it not, a row missed here would be written
        // twice, which its key refuses: the poll would fail together and be split.
        Set<String> incidentIds = new LinkedHashSet<>();
        events.forEach(event -> incidentIds.add(event.subject()));
        memo.preload(Delivery.class, entityManager.createQuery(
                "select d.notificationId from Delivery d where d.incidentId in ?1", UUID.class)
                .setParameter(1, incidentIds).getResultList());
        memo.preload(IncidentVisibility.class, entityManager.createQuery(
                "select v.incidentId from IncidentVisibility v where v.incidentId in ?1", String.class)
                .setParameter(1, incidentIds).getResultList());
    }

    private void planOne(CloudEvent event) {
        if (EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)) {
            IncidentOpened opened = EventCodec.payload(event, IncidentOpened.class);
            // A silenced incident is recorded and counted by triage and reporting; nobody is told.
            // A low-severity incident at a school with a digest waits for the digest.
            if (!opened.silenced() && !(opened.severity() == Severity.LOW && digests.gather(opened))) {
                planner.plan(event.id(), opened);
            }
            // The school's webhooks, from their minimum severity (the digest is the DSL's e-mail only).
            webhooks.plan(event.id(), opened);
        } else if (EventCodec.isA(event, EventType.PARENT_CONTACT_APPROVED_V1)) {
            parents.plan(event.id(), EventCodec.payload(event, ParentContactApproved.class));
        } else if (EventCodec.isA(event, EventType.INCIDENT_ESCALATED_V1)) {
            IncidentEscalated escalated = EventCodec.payload(event, IncidentEscalated.class);
            planner.plan(event.id(), escalated);
            webhooks.plan(event.id(), escalated);
        } else {
            throw new PoisonEventException("unexpected event type '" + event.type() + "' on the incidents topic");
        }
    }
}
