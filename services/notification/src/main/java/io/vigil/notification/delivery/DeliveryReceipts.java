package io.vigil.notification.delivery;

import io.vigil.common.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a provider reports after it accepted a message: it reached the person ({@code delivered}), the
 * number or address does not take it ({@code bounced}), or the provider itself failed ({@code failed}).
 * A bounce or failure is a {@code NotificationFailed}, which triage escalates like a refused send. A
 * report is applied once; a repeat, or one for a message already settled, changes nothing.
 */
@ApplicationScoped
public class DeliveryReceipts {

    /** What became of a receipt. */
    public enum Result {
        /** The ledger now says what the receipt says (or already did). */
        RECORDED,
        /** No message of Vigil's has this id and provider reference. */
        UNKNOWN,
        /** The message is still being sent: the provider should report again later. */
        NOT_YET_SENT
    }

    /** The provider's final word on a message. */
    public enum Report {
        DELIVERED, BOUNCED, FAILED
    }

    @Inject
    EntityManager entityManager;

    @Inject
    DeliveryService deliveries;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * Applies the provider's report on the message {@code notificationId}, which the provider knows as
     * {@code providerReference}; {@code reason} says in words what happened (for a bounce or failure).
     */
    @Transactional
    public Result record(UUID notificationId, String providerReference, Report report, String reason) {
        Delivery delivery = entityManager.find(Delivery.class, notificationId, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || delivery.providerReference == null
                || !delivery.providerReference.equals(providerReference)) {
            return Result.UNKNOWN;
        }
        if (!"sent".equals(delivery.state)) {
            // Settled already (a repeated receipt), or the send's own outcome has not committed yet.
            return "sending".equals(delivery.state) || "requested".equals(delivery.state)
                    ? Result.NOT_YET_SENT : Result.RECORDED;
        }
        Instant now = clock.instant();
        if (report == Report.DELIVERED) {
            delivery.state = "delivered";
            delivery.updatedAt = now;
            audit.record(delivery.trustId, delivery.schoolId, "system", "notification.delivered", "notification",
                    notificationId.toString(), "success", Map.of("incidentId", delivery.incidentId,
                            "channel", delivery.channel));
            return Result.RECORDED;
        }
        deliveries.fail(delivery, report == Report.BOUNCED ? "bounced" : "failed", reason, true, now);
        return Result.RECORDED;
    }
}
