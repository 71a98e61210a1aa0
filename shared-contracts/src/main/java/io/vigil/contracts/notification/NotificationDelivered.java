package io.vigil.contracts.notification;

import io.vigil.contracts.envelope.OptionalField;
import java.time.Instant;

/**
 * The provider accepted a notification for delivery.
 *
 * @param notificationId the ledger key
 * @param incidentId the incident it is about
 * @param trustId the trust of the school
 * @param schoolId the school
 * @param channel {@code email}, {@code sms} or {@code webhook}
 * @param recipientRef the recipient's directory id or role
 * @param providerReference the provider's message id, if it gave one
 * @param attempts how many attempts it took
 * @param deliveredAt when the provider accepted it
 */
public record NotificationDelivered(
        String notificationId,
        String incidentId,
        String trustId,
        String schoolId,
        String channel,
        String recipientRef,
        @OptionalField String providerReference,
        int attempts,
        Instant deliveredAt) {
}
