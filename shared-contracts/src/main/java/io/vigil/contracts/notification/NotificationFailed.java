package io.vigil.contracts.notification;

import java.time.Instant;

/**
 * A notification could not be delivered; triage escalates to the next person.
 *
 * @param notificationId the ledger key
 * @param incidentId the incident it is about
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param channel {@code email}, {@code sms} or {@code webhook}
 * @param recipientRef the recipient's directory id or role
 * @param reason why it failed, in words an operator can act on
 * @param permanent whether retrying cannot help (invalid address, rejected by the provider)
 * @param attempts how many attempts were made
 * @param failedAt when it was given up
 */
public record NotificationFailed(
        String notificationId,
        String incidentId,
        String trustId,
        String schoolId,
        String channel,
        String recipientRef,
        String reason,
        boolean permanent,
        int attempts,
        Instant failedAt) {
}
