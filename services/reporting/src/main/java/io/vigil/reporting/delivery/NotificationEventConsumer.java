package io.vigil.reporting.delivery;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.notification.NotificationRequested;
import io.vigil.reporting.Channels;
import io.vigil.reporting.retention.RetentionDisposal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each notification's last state from {@code vigil.notifications.v1}, once per event id: what the
 * notification-failure KPI counts. A settled state is never taken back by a late "requested".
 */
@ApplicationScoped
public class NotificationEventConsumer {

    static final String CONSUMER = "reporting.notifications";

    @Inject
    IdempotentConsumer consumer;

    @Incoming(Channels.NOTIFICATIONS_IN)
    @Blocking
    public void onNotificationEvent(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record, this::apply);
    }

    void apply(CloudEvent event) {
        if (EventCodec.isA(event, EventType.NOTIFICATION_REQUESTED_V1)) {
            NotificationRequested requested = EventCodec.payload(event, NotificationRequested.class);
            NotificationOutcome outcome = outcome(requested.notificationId(), requested.incidentId(),
                    requested.trustId(), requested.schoolId(), requested.channel());
            if (outcome != null) {
                outcome.requestedAt = requested.requestedAt();
            }
        } else if (EventCodec.isA(event, EventType.NOTIFICATION_DELIVERED_V1)) {
            NotificationDelivered delivered = EventCodec.payload(event, NotificationDelivered.class);
            settle(outcome(delivered.notificationId(), delivered.incidentId(), delivered.trustId(),
                    delivered.schoolId(), delivered.channel()), NotificationOutcome.DELIVERED, false,
                    delivered.attempts(), delivered.deliveredAt());
        } else if (EventCodec.isA(event, EventType.NOTIFICATION_FAILED_V1)) {
            NotificationFailed failed = EventCodec.payload(event, NotificationFailed.class);
            settle(outcome(failed.notificationId(), failed.incidentId(), failed.trustId(), failed.schoolId(),
                    failed.channel()), NotificationOutcome.FAILED, failed.permanent(), failed.attempts(),
                    failed.failedAt());
        } else {
            throw new PoisonEventException("unexpected event type '" + event.type() + "' on the notifications topic");
        }
    }

    /** The notification's row, created if new; null when its incident's records were disposed of. */
    private static NotificationOutcome outcome(String notificationId, String incidentId, String trustId,
            String schoolId, String channel) {
        NotificationOutcome outcome = NotificationOutcome.findById(notificationId);
        if (outcome == null && RetentionDisposal.disposed(incidentId)) {
            // The incident's records were disposed of after review: nothing more is kept about it.
            return null;
        }
        if (outcome == null) {
            outcome = new NotificationOutcome();
            outcome.notificationId = notificationId;
            outcome.incidentId = incidentId;
            outcome.trustId = trustId;
            outcome.schoolId = schoolId;
            outcome.channel = channel;
            outcome.state = NotificationOutcome.REQUESTED;
            outcome.persist();
        }
        return outcome;
    }

    /** A bounce after a delivery (GOV.UK Notify's receipt) is the later, truer state; otherwise the latest wins. */
    private static void settle(NotificationOutcome outcome, String state, boolean permanent, int attempts,
            Instant at) {
        if (outcome == null) {
            return;
        }
        if (outcome.settledAt != null && at.isBefore(outcome.settledAt)) {
            return;
        }
        outcome.state = state;
        outcome.permanent = permanent;
        outcome.attempts = Math.max(outcome.attempts, attempts);
        outcome.settledAt = at;
    }
}
