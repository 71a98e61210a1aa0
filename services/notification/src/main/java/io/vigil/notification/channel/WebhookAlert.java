package io.vigil.notification.channel;

import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * What a webhook may say about an incident: the school, the severity, the broad category group
 * (KCSIE's 4Cs, not the category itself) and a link to the case. The concern, the learner and any
 * URL visited stay in Vigil behind sign-in; this record has no place for them.
 *
 * @param notificationId the ledger's id for this message, sent as {@code X-Vigil-Notification-Id}
 * @param categoryGroups the 4Cs of the incident's category; empty when it has none (or an escalation
 *     does not name the category)
 */
public record WebhookAlert(UUID notificationId, Event event, String incidentId, String schoolId, String schoolName,
        Severity severity, List<FourCs> categoryGroups, URI caseLink) {

    /** Why the webhook is called. */
    public enum Event {
        INCIDENT_OPENED("incident-opened"),
        INCIDENT_ESCALATED("incident-escalated");

        private final String wireName;

        Event(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public WebhookAlert {
        categoryGroups = List.copyOf(categoryGroups);
    }

    /** The alert for a newly opened incident. */
    public static WebhookAlert opened(UUID notificationId, IncidentOpened opened, String schoolName, URI caseLink) {
        return new WebhookAlert(notificationId, Event.INCIDENT_OPENED, opened.incidentId(), opened.schoolId(),
                schoolName, opened.severity(), groups(opened.category()), caseLink);
    }

    /** The alert for an incident escalated because nobody acted in time. */
    public static WebhookAlert escalated(UUID notificationId, IncidentEscalated escalated, String schoolName,
            URI caseLink) {
        return new WebhookAlert(notificationId, Event.INCIDENT_ESCALATED, escalated.incidentId(),
                escalated.schoolId(), schoolName, escalated.severity(), groups(escalated.category()), caseLink);
    }

    /**
     * The alert as Vigil's own JSON document (the generic body), which the delivery ledger keeps so
     * that a retry sends exactly what was decided.
     */
    public String toJson() {
        return new String(WebhookBodies.body(WebhookTarget.Format.GENERIC, this), StandardCharsets.UTF_8);
    }

    /** Reads back an alert that {@link #toJson()} wrote. */
    public static WebhookAlert fromJson(String json) {
        return WebhookBodies.alert(json);
    }

    /** One line saying what happened where, e.g. "New high severity incident at North Primary". */
    public String headline() {
        String level = severity.wireName();
        return event == Event.INCIDENT_ESCALATED
                ? "A " + level + " severity incident at " + schoolName + " was escalated: nobody acted in time"
                : "New " + level + " severity incident at " + schoolName;
    }

    private static List<FourCs> groups(String category) {
        try {
            return PolicyCategory.fromSlug(category).fourCs();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
