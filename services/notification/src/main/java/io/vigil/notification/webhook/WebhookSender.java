package io.vigil.notification.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.notification.channel.DeliveryOutcome;
import io.vigil.notification.channel.WebhookAlert;
import io.vigil.notification.channel.WebhookChannel;
import io.vigil.notification.delivery.Delivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Posts one webhook row of the delivery ledger to its destination, as the destination stands at the
 * time of the attempt: with its current signing secret (a rotation applies to retries too), and not at
 * all once it is disabled (a permanent failure, recorded like any other).
 */
@ApplicationScoped
public class WebhookSender {

    @Inject
    WebhookChannel channel;

    /** One attempt; never throws for a failed send. Runs outside a transaction, like every send. */
    public DeliveryOutcome send(Delivery delivery) {
        UUID destinationId = WebhookDestination.idOf(delivery.recipientRef);
        WebhookDestination destination = destinationId == null ? null
                : QuarkusTransaction.requiringNew().call(() -> WebhookDestination.<WebhookDestination>findById(destinationId));
        if (destination == null || !destination.trustId.equals(delivery.trustId)) {
            return new DeliveryOutcome.Permanent("The webhook destination " + delivery.recipientRef + " is not known");
        }
        if (!destination.enabled) {
            return new DeliveryOutcome.Permanent("The webhook destination '" + destination.name
                    + "' was disabled before this alert was posted");
        }
        return channel.send(destination.target(), WebhookAlert.fromJson(delivery.body));
    }
}
