package io.vigil.triage.notification;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.triage.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code vigil.notifications.v1} for the deliveries that failed. Each {@code NotificationFailed}
 * is processed once (by event id) in one transaction with the escalation or record it causes; records
 * that are not valid events go to {@code vigil.notifications.v1.dlq} with the reason.
 */
@ApplicationScoped
public class NotificationConsumer {

    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);
    static final String CONSUMER = "triage.notifications";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    UndeliveredNotifications undelivered;

    @Incoming(Channels.NOTIFICATIONS_IN)
    @Blocking
    public void onNotification(ConsumerRecord<String, String> record) {
        CloudEvent event = EventCodec.decode(record.value());
        if (!EventCodec.isA(event, EventType.NOTIFICATION_FAILED_V1)) {
            // NotificationRequested and NotificationDelivered (and types added later) ask nothing of triage,
            // so they are not even recorded as processed.
            LOG.debugf("Ignored %s event %s", event.type(), event.id());
            return;
        }
        consumer.process(CONSUMER, record.value(),
                failed -> undelivered.onFailed(EventCodec.payload(failed, NotificationFailed.class)));
    }
}
