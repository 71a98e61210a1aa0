package io.vigil.notification.incident;

import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.notification.NotificationRequested;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.contact.SchoolContact;
import io.vigil.notification.contact.SchoolDirectory;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.delivery.DeliveryService;
import io.vigil.notification.delivery.StaffAlertMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides who is told about a new incident: the school's contacts in the role the incident is
 * routed to. Each (incident event, recipient) pair gets one notification id, so planning the same
 * event twice yields the same ledger rows, and one message per person.
 */
@ApplicationScoped
public class StaffAlertPlanner {

    static final String EMAIL = "email";

    @Inject
    Outbox outbox;

    @Inject
    DeliveryService deliveries;

    @Inject
    Clock clock;

    @ConfigProperty(name = "vigil.links.case-base-url")
    String caseBaseUrl;

    /** Writes the ledger rows for an opened incident; returns the ids to send. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentOpened incident) {
        Instant now = clock.instant();
        SchoolDirectory school = SchoolDirectory.findById(incident.schoolId());
        // A school is only ever reached through its own trust, even where two trusts reuse an id.
        boolean known = school != null && school.trustId.equals(incident.trustId());
        String schoolName = known ? school.name : incident.schoolId();
        StaffAlertMessage message = StaffAlertMessage.of(incident, schoolName, caseBaseUrl + incident.incidentId());
        // Every role the incident is routed to (e.g. the DSL and the head for illegal content); a role
        // with nobody to reach is a failure triage escalates, never a silent gap.
        List<SchoolContact> contacts = new ArrayList<>();
        for (String role : incident.allRoutedRoles()) {
            List<SchoolContact> ofRole = known ? SchoolContact.withRole(incident.schoolId(), role) : List.of();
            if (ofRole.isEmpty()) {
                Delivery unroutable = newDelivery(notificationId(eventId, "role:" + role), incident, "role:" + role,
                        "-", message, now);
                if (Delivery.findById(unroutable.notificationId) == null) {
                    unroutable.persist();
                    deliveries.fail(unroutable, known
                            ? "No " + role + " contact is known for school " + incident.schoolId()
                            : "School " + incident.schoolId() + " is not known in trust " + incident.trustId(), true, now);
                }
            }
            ofRole.stream().filter(c -> contacts.stream().noneMatch(other -> other.email.equals(c.email)))
                    .forEach(contacts::add);
        }
        List<UUID> planned = new ArrayList<>();
        for (SchoolContact contact : contacts) {
            UUID id = notificationId(eventId, contact.email);
            if (Delivery.findById(id) != null) {
                continue;
            }
            Delivery delivery = newDelivery(id, incident, contact.role + ":" + contact.email, contact.email, message, now);
            delivery.persist();
            NotificationRequested requested = new NotificationRequested(id.toString(), incident.incidentId(),
                    incident.trustId(), incident.schoolId(), EMAIL, delivery.recipientRef, delivery.templateId, now);
            outbox.publish(Topics.NOTIFICATIONS, requested.notificationId(), EventCodec.envelope(
                    DeliveryService.SOURCE, requested, requested.notificationId(), incident.trustId(),
                    incident.schoolId(), incident.incidentId(), now));
            planned.add(id);
        }
        return planned;
    }

    static UUID notificationId(String eventId, String recipient) {
        return UUID.nameUUIDFromBytes((eventId + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
    }

    private static Delivery newDelivery(UUID id, IncidentOpened incident, String recipientRef, String address,
            StaffAlertMessage message, Instant now) {
        Delivery delivery = new Delivery();
        delivery.notificationId = id;
        delivery.incidentId = incident.incidentId();
        delivery.trustId = incident.trustId();
        delivery.schoolId = incident.schoolId();
        delivery.channel = EMAIL;
        delivery.recipientRef = recipientRef;
        delivery.recipientAddress = address;
        delivery.templateId = StaffAlertMessage.TEMPLATE_ID;
        delivery.subject = message.subject();
        delivery.body = message.body();
        delivery.state = "requested";
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
