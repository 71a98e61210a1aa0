package io.vigil.reporting.register;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.common.inbox.PollConsumer;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/**
 * Builds the incident register from {@code vigil.incidents.v1}, once per event id, a poll at a time: the
 * poll's events in one transaction, their incidents' rows read with one query (see {@link PollConsumer}
 * for what happens when a poll fails).
 */
@ApplicationScoped
public class IncidentEventConsumer {

    static final String CONSUMER = "reporting.incidents";

    @Inject
    PollConsumer polls;

    @Inject
    EntityManager entityManager;

    @Incoming(Channels.INCIDENTS_IN)
    @Blocking
    public CompletionStage<Void> onIncidentEvents(KafkaRecordBatch<String, String> batch) {
        return polls.process(CONSUMER, batch, this::applyAll);
    }

    /**
     * The events in order, in the caller's transaction: the poll's incidents folded in memory, then written
     * with a statement each for new rows, changed rows and referrals ({@link RegisterRows}).
     */
    void applyAll(List<CloudEvent> events) {
        entityManager.unwrap(Session.class).doWork(connection -> project(connection, events));
    }

    private static void project(Connection connection, List<CloudEvent> events) throws SQLException {
        Set<String> ids = new HashSet<>();
        List<Record> payloads = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            Record payload = payloadOf(event);
            payloads.add(payload);
            if (payload != null) {
                ids.add(incidentIdOf(payload));
            }
        }
        Map<String, RegisterEntry> entries = RegisterRows.find(connection, ids);
        Set<String> stored = Set.copyOf(entries.keySet());
        Set<String> missing = new HashSet<>(ids);
        missing.removeAll(stored);
        Set<String> disposed = RegisterRows.disposedAmong(connection, missing);
        Set<String> referrals = RegisterRows.referralsOf(connection, stored);
        Map<String, RegisterEntry> opened = new LinkedHashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        List<Referral> newReferrals = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Record payload = payloads.get(i);
            if (payload == null) {
                continue;
            }
            String incidentId = incidentIdOf(payload);
            if (disposed.contains(incidentId)) {
                // Disposed of after review: a late or replayed event brings nothing back.
                continue;
            }
            if (payload instanceof IncidentOpened incident) {
                // An incident opened again (under another event id) keeps its first row.
                entries.computeIfAbsent(incidentId, id -> opened.computeIfAbsent(id, x -> opened(incident)));
                continue;
            }
            RegisterEntry entry = existing(entries, incidentId);
            if (payload instanceof IncidentUpdated update) {
                updated(events.get(i).id(), entry, update, referrals).ifPresent(newReferrals::add);
            } else {
                entry.escalations++;
            }
            if (!opened.containsKey(incidentId)) {
                changed.add(incidentId);
            }
        }
        RegisterRows.insert(connection, opened.values());
        RegisterRows.update(connection, changed.stream().map(entries::get).toList());
        RegisterRows.insertReferrals(connection, newReferrals);
    }

    /** The event's payload; null for one the register has nothing to do with. */
    private static Record payloadOf(CloudEvent event) {
        if (EventCodec.isA(event, EventType.INCIDENT_OPENED_V1)) {
            return EventCodec.payload(event, IncidentOpened.class);
        } else if (EventCodec.isA(event, EventType.INCIDENT_UPDATED_V1)) {
            return EventCodec.payload(event, IncidentUpdated.class);
        } else if (EventCodec.isA(event, EventType.INCIDENT_ESCALATED_V1)) {
            return EventCodec.payload(event, IncidentEscalated.class);
        } else if (EventCodec.isA(event, EventType.PARENT_CONTACT_APPROVED_V1)) {
            // The decision also arrives as an IncidentUpdated ("parent-contact-approved"), which the row records.
            return null;
        }
        throw new PoisonEventException("unexpected event type '" + event.type() + "' on the incidents topic");
    }

    private static String incidentIdOf(Record payload) {
        if (payload instanceof IncidentOpened opened) {
            return opened.incidentId();
        } else if (payload instanceof IncidentUpdated update) {
            return update.incidentId();
        }
        return ((IncidentEscalated) payload).incidentId();
    }

    /** A new register row, not yet written. */
    private static RegisterEntry opened(IncidentOpened incident) {
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
        return entry;
    }

    /** Applies a change to the row; a referral not recorded before is returned, to be written. */
    private static Optional<Referral> updated(String eventId, RegisterEntry entry, IncidentUpdated update,
            Set<String> referrals) {
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
                String agency = update.agency() == null ? "not-recorded" : update.agency();
                if (!referrals.add(RegisterRows.referralKey(entry.incidentId, agency, update.updatedAt()))) {
                    // The same referral published again under another event id.
                    return Optional.empty();
                }
                Referral referral = new Referral();
                referral.eventId = eventId;
                referral.incidentId = entry.incidentId;
                referral.agency = agency;
                referral.referredAt = update.updatedAt();
                return Optional.of(referral);
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
        return Optional.empty();
    }

    /** The 4Cs of a policy category; none for a category this build does not know (a newer triage's). */
    static String fourCs(String category) {
        return Arrays.stream(PolicyCategory.values()).filter(c -> c.slug().equals(category)).findFirst()
                .map(c -> c.fourCs().stream().map(FourCs::wireName).collect(Collectors.joining(","))).orElse("");
    }

    private static RegisterEntry existing(Map<String, RegisterEntry> entries, String incidentId) {
        RegisterEntry entry = entries.get(incidentId);
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
