package io.vigil.notification.incident;

import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentEscalated;
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

    /** The incident a message is about. */
    record Target(String incidentId, String trustId, String schoolId) {
    }

    /** Writes the ledger rows for an opened incident; returns the ids to send. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentOpened opened) {
        Target incident = new Target(opened.incidentId(), opened.trustId(), opened.schoolId());
        String schoolName = schoolName(incident);
        return planFor(eventId, incident, opened.allRoutedRoles(),
                StaffAlertMessage.of(opened, schoolName, caseBaseUrl + opened.incidentId()),
                StaffAlertMessage.TEMPLATE_ID);
    }

    /** Writes the ledger rows for an escalation, to the roles it names; returns the ids to send. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentEscalated escalated) {
        Target incident = new Target(escalated.incidentId(), escalated.trustId(), escalated.schoolId());
        return planFor(eventId, incident, escalated.escalatedTo(),
                StaffAlertMessage.ofEscalation(escalated, schoolName(incident), caseBaseUrl + escalated.incidentId()),
                StaffAlertMessage.ESCALATION_TEMPLATE_ID);
    }

    /** The school's name, or its id when the school is not known in the incident's trust. */
    private static String schoolName(Target incident) {
        SchoolDirectory school = SchoolDirectory.findById(incident.schoolId());
        return known(school, incident) ? school.name : incident.schoolId();
    }

    /** A school is only ever reached through its own trust, even where two trusts reuse an id. */
    private static boolean known(SchoolDirectory school, Target incident) {
        return school != null && school.trustId.equals(incident.trustId());
    }

    private List<UUID> planFor(String eventId, Target incident, List<String> roles, StaffAlertMessage message,
            String templateId) {
        Instant now = clock.instant();
        boolean known = known(SchoolDirectory.findById(incident.schoolId()), incident);
        // Every role the incident is routed to (e.g. the DSL and the head for illegal content); a role
        // with nobody to reach is a failure triage escalates, never a silent gap.
        List<SchoolContact> contacts = new ArrayList<>();
        for (String role : roles) {
            List<SchoolContact> ofRole = known ? SchoolContact.withRole(incident.schoolId(), role) : List.of();
            if (ofRole.isEmpty()) {
                Delivery unroutable = newDelivery(notificationId(eventId, "role:" + role), incident, "role:" + role,
                        "-", message, templateId, now);
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
            Delivery delivery = newDelivery(id, incident, contact.role + ":" + contact.email, contact.email, message,
                    templateId, now);
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

    private static Delivery newDelivery(UUID id, Target incident, String recipientRef, String address,
            StaffAlertMessage message, String templateId, Instant now) {
        Delivery delivery = new Delivery();
        delivery.notificationId = id;
        delivery.incidentId = incident.incidentId();
        delivery.trustId = incident.trustId();
        delivery.schoolId = incident.schoolId();
        delivery.channel = EMAIL;
        delivery.recipientRef = recipientRef;
        delivery.recipientAddress = address;
        delivery.templateId = templateId;
        delivery.subject = message.subject();
        delivery.body = message.body();
        delivery.state = "requested";
        delivery.attempts = 0;
        delivery.createdAt = now;
        delivery.updatedAt = now;
        return delivery;
    }
}
