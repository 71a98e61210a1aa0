package io.vigil.notification.channel;

import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.taxonomy.FourCs;
import io.vigil.contracts.taxonomy.PolicyCategory;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * What a webhook may say about an incident: the school, the severity, the broad category group
 * (KCSIE's 4Cs, not the category itself) and a link to the case. The concern, the learner and any
 * URL visited stay in Vigil behind sign-in; this record has no place for them.
 *
 * @param notificationId the ledger's id for this message, sent as {@code X-Vigil-Notification-Id}
 * @param categoryGroups the 4Cs of the incident's category; empty when it has none (or for an escalation)
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
                escalated.schoolId(), schoolName, escalated.severity(), List.of(), caseLink);
    }

    private static List<FourCs> groups(String category) {
        try {
            return PolicyCategory.fromSlug(category).fourCs();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
