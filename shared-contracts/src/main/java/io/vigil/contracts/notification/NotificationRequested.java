package io.vigil.contracts.notification;

import java.time.Instant;

/**
 * Notification decided that a person must be told about an incident, before it tries to send.
 *
 * @param notificationId one per decision and recipient; the delivery ledger's key
 * @param incidentId the incident it is about
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param channel {@code email}, {@code sms} or {@code webhook}
 * @param recipientRef the recipient's directory id or role (never a child's data)
 * @param templateId the message template and its version
 * @param requestedAt when the decision was made
 */
public record NotificationRequested(
        String notificationId,
        String incidentId,
        String trustId,
        String schoolId,
        String channel,
        String recipientRef,
        String templateId,
        Instant requestedAt) {
}
