package io.vigil.notification.incident;

import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.notification.TransactionMemo;
import io.vigil.notification.channel.WebhookAlert;
import io.vigil.notification.contact.SchoolDirectory;
import io.vigil.notification.delivery.Delivery;
import io.vigil.notification.delivery.StaffAlertMessage;
import io.vigil.notification.incident.StaffAlertPlanner.Target;
import io.vigil.notification.preference.ChannelPolicy;
import io.vigil.notification.webhook.WebhookDestination;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which webhook destinations are told of an incident opened or escalated at a school: every
 * enabled destination of the school and of its whole trust whose minimum severity the incident meets;
 * never for a silenced incident, nor a restricted one (about a member of staff or the head), whose
 * escalations are recognised by what was remembered when it opened. One ledger row per (incident
 * event, destination), so a redelivered event posts nothing twice; in the school's quiet hours a
 * post that is not critical waits for the next school-day start, like every staff alert.
 */
@ApplicationScoped
public class WebhookAlertPlanner {

    @Inject
    StaffAlertPlanner staffAlerts;

    @Inject
    Clock clock;

    @Inject
    TransactionMemo memo;

    @ConfigProperty(name = "vigil.links.case-base-url")
    String caseBaseUrl;

    /** Remembers whether the incident is restricted and writes its webhook rows; returns the ids to send now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentOpened opened) {
        boolean restricted = Boolean.TRUE.equals(opened.restricted());
        IncidentVisibility.remember(opened.incidentId(), opened.trustId(), opened.schoolId(), restricted,
                opened.openedAt(), memo.exists(IncidentVisibility.class, opened.incidentId(), () -> true));
        memo.added(IncidentVisibility.class, opened.incidentId());
        if (restricted || opened.silenced()) {
            return List.of();
        }
        Target incident = new Target(opened.incidentId(), opened.trustId(), opened.schoolId(), opened.severity());
        return planFor(eventId, incident, (id, schoolName) -> WebhookAlert.opened(id, opened, schoolName,
                caseLink(opened.incidentId())));
    }

    /** Writes the webhook rows of an escalation of an incident seen opened unrestricted; returns the ids to send now. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> plan(String eventId, IncidentEscalated escalated) {
        if (!IncidentVisibility.unrestricted(escalated.incidentId(), escalated.trustId(), escalated.schoolId())) {
            return List.of();
        }
        Target incident = new Target(escalated.incidentId(), escalated.trustId(), escalated.schoolId(),
                escalated.severity());
        return planFor(eventId, incident, (id, schoolName) -> WebhookAlert.escalated(id, escalated, schoolName,
                caseLink(escalated.incidentId())));
    }

    private List<UUID> planFor(String eventId, Target incident, BiFunction<UUID, String, WebhookAlert> alert) {
        List<WebhookDestination> destinations = memo.get(List.of("webhooks", incident.trustId(), incident.schoolId(),
                incident.severity()), () -> WebhookDestination.routable(incident.trustId(), incident.schoolId(),
                        incident.severity()));
        if (destinations.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        SchoolDirectory school = StaffAlertPlanner.school(incident);
        String schoolName = school != null ? school.name : incident.schoolId();
        Instant deliverAfter = school == null ? null : staffAlerts.deferral(school, incident.severity(), now);
        List<UUID> planned = new ArrayList<>();
        for (WebhookDestination destination : destinations) {
            UUID id = StaffAlertPlanner.notificationId(eventId, destination.recipientRef());
            if (staffAlerts.planned(id)) {
                continue;
            }
            WebhookAlert post = alert.apply(id, schoolName);
            // The ledger keeps the document itself, so a retry posts exactly what was decided.
            StaffAlertMessage message = new StaffAlertMessage("webhook-" + post.event().wireName(), post.headline(),
                    post.toJson(), null);
            Delivery delivery = StaffAlertPlanner.newDelivery(id, incident, ChannelPolicy.WEBHOOK,
                    destination.recipientRef(), destination.host(), message, now);
            delivery.deliverAfter = deliverAfter;
            staffAlerts.request(delivery, now);
            if (deliverAfter == null) {
                planned.add(id);
            }
        }
        return planned;
    }

    private URI caseLink(String incidentId) {
        return URI.create(caseBaseUrl + incidentId);
    }
}
