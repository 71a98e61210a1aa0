package io.vigil.reporting.register;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.IncidentUpdated;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.reporting.Channels;
import io.vigil.reporting.retention.RetentionDisposal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
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
            updated(event.id(), EventCodec.payload(event, IncidentUpdated.class));
        } else if (EventCodec.isA(event, EventType.INCIDENT_ESCALATED_V1)) {
            IncidentEscalated escalated = EventCodec.payload(event, IncidentEscalated.class);
            RegisterEntry entry = existing(escalated.incidentId());
            if (entry != null) {
                entry.escalations++;
            }
        } else if (EventCodec.isA(event, EventType.PARENT_CONTACT_APPROVED_V1)) {
            // The decision also arrives as an IncidentUpdated ("parent-contact-approved"), which the row records.
            return;
        } else {
            throw new PoisonEventException("unexpected event type '" + event.type() + "' on the incidents topic");
        }
    }

    private static void opened(IncidentOpened incident) {
        if (RegisterEntry.findById(incident.incidentId()) != null
                || RetentionDisposal.disposed(incident.incidentId())) {
            return;
        }
        RegisterEntry entry = new RegisterEntry();
        entry.incidentId = incident.incidentId();
        entry.trustId = incident.trustId();
        entry.schoolId = incident.schoolId();
        entry.category = incident.category();
        entry.fourCs = fourCs(incident.category());
        entry.severity = incident.severity().wireName();
        entry.status = "open";
        entry.routedTo = incident.routedTo();
        entry.routedRoles = String.join(",", incident.allRoutedRoles());
        entry.restricted = Boolean.TRUE.equals(incident.restricted());
        entry.silenced = incident.silenced();
        entry.sourceId = incident.sourceId();
        entry.personId = incident.personId();
        entry.alertCount = incident.alertIds().size();
        entry.firstSeenAt = incident.firstSeenAt();
        entry.lastSeenAt = incident.firstSeenAt();
        entry.openedAt = incident.openedAt();
        entry.updatedAt = incident.openedAt();
        entry.persist();
    }

    private static void updated(String eventId, IncidentUpdated update) {
        RegisterEntry entry = existing(update.incidentId());
        if (entry == null) {
            return;
        }
        entry.status = update.status();
        entry.severity = update.severity().wireName();
        entry.alertCount = update.alertCount();
        entry.lastSeenAt = update.lastSeenAt();
        entry.updatedAt = update.updatedAt();
        switch (update.change()) {
            case "acknowledged" -> entry.acknowledgedAt = first(entry.acknowledgedAt, update.updatedAt());
            case "closed" -> {
                // A false positive may be closed straight from open: that is its acknowledgement too.
                entry.acknowledgedAt = first(entry.acknowledgedAt, update.updatedAt());
                entry.closedAt = update.updatedAt();
                entry.outcome = update.outcome() == null ? "not-recorded" : update.outcome();
            }
            case "reopened" -> {
                entry.closedAt = null;
                entry.outcome = null;
            }
            case "referred" -> {
                Referral referral = new Referral();
                referral.eventId = eventId;
                referral.incidentId = entry.incidentId;
                referral.agency = update.agency() == null ? "not-recorded" : update.agency();
                referral.referredAt = update.updatedAt();
                referral.persist();
            }
            case "parent-contact-approved" -> entry.parentContact = "approved";
            case "parent-contact-withheld" -> {
                entry.parentContact = "withheld";
                entry.parentContactReason = update.reason();
            }
            case "source-resumed" -> entry.sourceResumedAt = update.lastSeenAt();
            default -> {
                // alert-added, severity-raised, concern-linked, assigned, note-added: status and counts above.
            }
        }
    }

    /** The 4Cs of a policy category; none for a category this build does not know (a newer triage's). */
    static String fourCs(String category) {
        return Arrays.stream(PolicyCategory.values()).filter(c -> c.slug().equals(category)).findFirst()
                .map(c -> c.fourCs().stream().map(FourCs::wireName).collect(Collectors.joining(","))).orElse("");
    }

    /** The incident's row; null when its records were disposed of after review (nothing more is kept). */
    private static RegisterEntry existing(String incidentId) {
        RegisterEntry entry = RegisterEntry.findById(incidentId);
        if (entry == null && RetentionDisposal.disposed(incidentId)) {
            return null;
        }
        if (entry == null) {
            // Keyed by incident id, an update never overtakes its opening on the topic.
            throw new PoisonEventException("update for unknown incident " + incidentId);
        }
        return entry;
    }

    private static Instant first(Instant current, Instant candidate) {
        return current != null ? current : candidate;
    }
}
