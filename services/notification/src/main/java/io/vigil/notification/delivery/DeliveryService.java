package io.vigil.notification.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.channel.DeliveryOutcome;
import io.vigil.notification.channel.NotifyChannel;
import io.vigil.notification.preference.ChannelPolicy;
import io.vigil.notification.webhook.WebhookSender;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Sends ledger rows in state {@code requested} by their channel (e-mail, text message, webhook). A
 * row is claimed ({@code sending}) in its own transaction before the SMTP conversation or the
 * request, so two senders never send the same row; the outcome and its event commit together
 * afterwards. A crash mid-send leaves the row {@code sending}, and it
 * is sent again after {@link #STUCK_AFTER}: at least once, never silently dropped.
 */
@ApplicationScoped
public class DeliveryService {

    private static final Logger LOG = Logger.getLogger(DeliveryService.class);
    public static final String SOURCE = "/vigil/notification";
    /** A message that keeps failing for passing reasons (a mail server down) is retried this long. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    /** The longest wait between two attempts. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
    static final Duration STUCK_AFTER = Duration.ofMinutes(5);

    @Inject
    EntityManager entityManager;

    @Inject
    Mailer mailer;

    @Inject
    NotifyChannel notify;

    @Inject
    WebhookSender webhooks;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /**
     * SMTP conversations run on this thread, never on a messaging or scheduler worker: the blocking
     * mailer waits for Vert.x callbacks that an ordered worker context would queue behind the wait.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "vigil-notification-sender");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Sends the given just-planned ledger rows. Their planning has committed, so if this process
     * stops first, {@link #retryPending} sends them later.
     */
    public void sendAll(List<UUID> notificationIds) {
        if (!notificationIds.isEmpty()) {
            sender.execute(() -> notificationIds.forEach(this::send));
        }
    }

    @PreDestroy
    void stopSending() {
        sender.shutdown();
    }

    void send(UUID notificationId) {
        if (!claim(notificationId)) {
            return;
        }
        Delivery delivery = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(notificationId));
        DeliveryOutcome outcome = dispatch(delivery);
        if (outcome instanceof DeliveryOutcome.Sent sent) {
            recordSent(notificationId, sent.providerReference());
        } else {
            boolean permanent = outcome instanceof DeliveryOutcome.Permanent;
            String reason = permanent ? ((DeliveryOutcome.Permanent) outcome).reason()
                    : ((DeliveryOutcome.Transient) outcome).reason();
            LOG.warnf("Notification %s not sent (%s): %s", notificationId, permanent ? "permanent" : "transient", reason);
            QuarkusTransaction.requiringNew().run(() -> markAttemptFailed(notificationId, reason, permanent));
        }
    }

    /** One attempt on the row's channel; never throws for a failed send. */
    private DeliveryOutcome dispatch(Delivery delivery) {
        if (ChannelPolicy.WEBHOOK.equals(delivery.channel)) {
            return webhooks.send(delivery);
        }
        if (ChannelPolicy.SMS.equals(delivery.channel)) {
            return notify.sendSms(delivery.notificationId, messageKind(delivery.templateId), delivery.recipientAddress,
                    Map.of("body", delivery.shortText == null ? delivery.subject : delivery.shortText));
        }
        try {
            mailer.send(Mail.withText(delivery.recipientAddress, delivery.subject, delivery.body)
                    .addHeader("Message-ID", messageId(delivery.notificationId)));
            return new DeliveryOutcome.Sent(messageId(delivery.notificationId));
        } catch (RuntimeException e) {
            String reason = "SMTP: " + String.valueOf(e.getMessage());
            return isPermanent(e) ? new DeliveryOutcome.Permanent(reason) : new DeliveryOutcome.Transient(reason);
        }
    }

    /**
     * Records an accepted message. The message is out, so a failure here must never lead to a
     * second send: it is retried, and if the database stays away the row stays {@code sending}.
     */
    private void recordSent(UUID notificationId, String providerReference) {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> markSent(notificationId, providerReference));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Notification %s was sent but not yet recorded (attempt %d): %s", notificationId, attempt,
                        e.getMessage());
                try {
                    Thread.sleep(1000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.errorf("Notification %s was sent but could not be recorded; it stays 'sending'", notificationId);
    }

    /** Retries rows whose earlier attempt failed or was interrupted. */
    @Scheduled(every = "${vigil.notification.retry-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryPending() {
        Instant now = clock.instant();
        List<Delivery> due = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list(
                "(state = 'requested' and updatedAt < ?1 and (deliverAfter is null or deliverAfter <= ?3)) "
                        + "or (state = 'sending' and updatedAt < ?2)",
                now.minusSeconds(10), now.minus(STUCK_AFTER), now));
        for (Delivery delivery : due) {
            if (delivery.attempts > 0
                    && delivery.updatedAt.plus(backoff(delivery.attempts, delivery.notificationId)).isAfter(now)) {
                continue;
            }
            if ("sending".equals(delivery.state)) {
                QuarkusTransaction.requiringNew().run(() -> release(delivery.notificationId));
            }
            sendAll(List.of(delivery.notificationId));
        }
    }

    /**
     * Exponential backoff (10 s, 20 s, 40 s… up to 5 minutes) with up to a quarter more as jitter, so
     * rows that failed together (an SMTP outage) do not all come back in the same second. The jitter
     * is derived from the notification id, so every replica computes the same wait for a row.
     */
    static Duration backoff(int attempts, UUID notificationId) {
        long base = Math.min(5_000L << Math.min(attempts, 10), LONGEST_WAIT.toMillis());
        long jitter = Math.floorMod(notificationId.getLeastSignificantBits(), base / 4 + 1);
        return Duration.ofMillis(base + jitter);
    }

    private boolean claim(UUID notificationId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "update Delivery set state = 'sending', attempts = attempts + 1, updatedAt = ?2 "
                        + "where notificationId = ?1 and state = 'requested'")
                .setParameter(1, notificationId)
                .setParameter(2, clock.instant())
                .executeUpdate() == 1);
    }

    private void release(UUID notificationId) {
        entityManager.createQuery("update Delivery set state = 'requested' where notificationId = ?1 and state = 'sending'")
                .setParameter(1, notificationId)
                .executeUpdate();
    }

    private void markSent(UUID notificationId, String providerReference) {
        Delivery delivery = Delivery.findById(notificationId);
        Instant now = clock.instant();
        delivery.state = "sent";
        delivery.providerReference = providerReference;
        delivery.updatedAt = now;
        delivery.lastError = null;
        NotificationDelivered delivered = new NotificationDelivered(notificationId.toString(), delivery.incidentId,
                delivery.trustId, delivery.schoolId, delivery.channel, delivery.recipientRef,
                delivery.providerReference, delivery.attempts, now);
        outbox.publish(Topics.NOTIFICATIONS, delivered.notificationId(), EventCodec.envelope(SOURCE, delivered,
                delivered.notificationId(), delivery.trustId, delivery.schoolId, delivery.incidentId, now));
        audit.record(delivery.trustId, delivery.schoolId, "system", "notification.sent", "notification",
                delivered.notificationId(), "success", Map.of("incidentId", delivery.incidentId,
                        "channel", delivery.channel, "template", delivery.templateId));
    }

    private void markAttemptFailed(UUID notificationId, String reason, boolean permanent) {
        Delivery delivery = Delivery.findById(notificationId);
        Instant now = clock.instant();
        delivery.lastError = truncate(reason);
        delivery.updatedAt = now;
        if (!permanent && delivery.createdAt.plus(GIVE_UP_AFTER).isAfter(now)) {
            delivery.state = "requested";
            return;
        }
        fail(delivery, delivery.lastError, permanent, now);
    }

    /** Records a notification as failed for good and announces it, so triage can escalate. */
    public void fail(Delivery delivery, String reason, boolean permanent, Instant now) {
        fail(delivery, "failed", reason, permanent, now);
    }

    /**
     * {@link #fail(Delivery, String, boolean, Instant)}, leaving the row in {@code state}: {@code failed},
     * or {@code bounced} when the provider reports that the number or address did not take it.
     */
    public void fail(Delivery delivery, String state, String reason, boolean permanent, Instant now) {
        delivery.state = state;
        delivery.lastError = truncate(reason);
        delivery.updatedAt = now;
        NotificationFailed failed = new NotificationFailed(delivery.notificationId.toString(), delivery.incidentId,
                delivery.trustId, delivery.schoolId, delivery.channel, delivery.recipientRef, delivery.lastError,
                permanent, delivery.attempts, now);
        outbox.publish(Topics.NOTIFICATIONS, failed.notificationId(), EventCodec.envelope(SOURCE, failed,
                failed.notificationId(), delivery.trustId, delivery.schoolId, delivery.incidentId, now));
        audit.record(delivery.trustId, delivery.schoolId, "system", "notification.failed", "notification",
                failed.notificationId(), "failure", Map.of("incidentId", delivery.incidentId,
                        "channel", delivery.channel, "permanent", Boolean.toString(permanent)));
    }

    /**
     * SMTP 5xx replies mean the server will never accept this message. Only a reply code that opens
     * a message (or follows a colon) counts, so "after 500 ms" in some other error does not.
     */
    static boolean isPermanent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.matches("(?s)(.*: )?5\\d\\d[ -].*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kind of message a template reference names, without its version and language
     * ({@code parent-filtering-breach.v2.pl} → {@code parent-filtering-breach}): GOV.UK Notify template
     * ids are configured per kind, and Vigil's own wording fills them.
     */
    static String messageKind(String templateRef) {
        return templateRef.replaceFirst("\\.v\\d+(\\..*)?$", "");
    }

    static String messageId(UUID notificationId) {
        return "<" + notificationId + "@notification.vigil>";
    }

    private static String truncate(String text) {
        String value = text == null ? "unknown error" : text;
        return value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
