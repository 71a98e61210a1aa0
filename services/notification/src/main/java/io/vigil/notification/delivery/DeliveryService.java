package io.vigil.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.tx.AfterCommit;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.notification.NotificationDelivered;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.contracts.topics.Topics;
import io.vigil.notification.channel.DeliveryOutcome;
import io.vigil.notification.channel.NotifyChannel;
import io.vigil.notification.preference.ChannelPolicy;
import io.vigil.notification.webhook.WebhookSender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Sends ledger rows by their channel (e-mail, text message, webhook), a batch at a time. A row planned
 * to go at once is written already claimed ({@code sending}, see {@link #sendOnCommit}) and handed to
 * the sender when its planning commits. Any other row (deferred, retried, released) is claimed with a
 * batch of others and read in one transaction before any of them is sent. Either way two senders never
 * send the same row; the rows are then sent one after another (over
 * the mailer's kept-open SMTP connection), and each outcome is handed to the recorder, which commits
 * the outcomes that have gathered (the row's state with its event and audit record) in one
 * transaction while the sender goes on. A crash after a message was accepted and before its outcome
 * is recorded leaves the row {@code sending}, and it is sent again after {@link #STUCK_AFTER}: at
 * least once, never silently dropped; at most {@link #MOST_UNRECORDED} messages can be in that state
 * at once (see ADR 0010).
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
    /** Rows claimed together. */
    static final int CLAIM_BATCH = 100;
    /** Outcomes recorded together, at most. */
    static final int RECORD_BATCH = 200;
    /**
     * How long the recorder lets outcomes gather before it records fewer than {@link #RECORD_BATCH}: one
     * transaction for the messages of those milliseconds rather than one each.
     */
    static final Duration GATHER_FOR = Duration.ofMillis(10);
    /** Messages sent whose outcome is not recorded yet, at most: the sender waits for the recorder beyond. */
    static final int MOST_UNRECORDED = 200;
    /** A claimed row not sent within this is released unsent, long before another sender could take it. */
    static final Duration SEND_CLAIMED_WITHIN = STUCK_AFTER.dividedBy(2);

    @Inject
    EntityManager entityManager;

    @Inject
    Mailer mailer;

    @Inject
    MeterRegistry metrics;

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

    @Inject
    TransactionSynchronizationRegistry synchronizations;

    @Inject
    Tracer tracer;

    /** Claims rows a batch at a time and hands each claimed row to a dispatcher. */
    private final ExecutorService sender = singleThread("vigil-notification-sender");

    /**
     * How many messages are in conversation with their servers at once, each on a dispatcher thread of its
     * own (the mailer keeps a pool of SMTP connections): while one waits for a server's reply, another is
     * sent.
     */
    @ConfigProperty(name = "vigil.notification.parallel-sends", defaultValue = "4")
    int parallelSends;

    /**
     * SMTP, Notify and webhook conversations run on these threads, never on a messaging or scheduler worker:
     * the blocking mailer waits for Vert.x callbacks that an ordered worker context would queue behind the
     * wait.
     */
    private ExecutorService dispatchers;
    private Semaphore inConversation;

    /** Records the outcomes of sent messages, beside the sender. */
    private final ExecutorService recorder = singleThread("vigil-notification-recorder");

    /** Rows to claim and send, in the order they were planned; each once. */
    private final Queue<UUID> pending = new ConcurrentLinkedQueue<>();
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    /** Rows claimed when they were planned, whose planning committed: to send, in planned order. */
    private final Queue<Delivery> planned = new ConcurrentLinkedQueue<>();

    /** The rows claimed by the current transaction's planning, handed to the sender when it commits. */
    private static final Object CLAIMED_BY_PLANNING = new Object();

    /** Outcomes not yet recorded, in the order they happened. */
    private final Queue<Attempt> outcomes = new ConcurrentLinkedQueue<>();
    private final Semaphore unrecorded = new Semaphore(MOST_UNRECORDED);

    /** vigil_notification_delivered_total and vigil_notification_failed_total, by channel. */
    private static final String DELIVERED = "vigil.notification.delivered";
    private static final String FAILED = "vigil.notification.failed";
    private static final AttributeKey<String> NOTIFICATION_ID = AttributeKey.stringKey("vigil.notification.id");
    private static final AttributeKey<String> INCIDENT_ID = AttributeKey.stringKey("vigil.incident.id");
    private static final AttributeKey<String> SCHOOL_ID = AttributeKey.stringKey("vigil.school.id");
    private static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("vigil.channel");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("vigil.attempt");

    /** One attempt to send a claimed row, and when it ended (for a sent message, the server's acceptance). */
    record Attempt(Delivery delivery, DeliveryOutcome outcome, Instant at) {
    }

    @PostConstruct
    void startDispatchers() {
        AtomicInteger count = new AtomicInteger();
        dispatchers = Executors.newFixedThreadPool(parallelSends,
                daemons(() -> "vigil-notification-dispatcher-" + count.incrementAndGet()));
        inConversation = new Semaphore(parallelSends);
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(daemons(() -> name));
    }

    /** Daemon threads, each named by {@code names}: none of them keeps the process alive at shutdown. */
    private static ThreadFactory daemons(Supplier<String> names) {
        return r -> {
            Thread thread = new Thread(r, names.get());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Claims a row being planned to go at once, in the planning transaction: it is written
     * {@code sending} with its first attempt counted (the caller persists it), and handed to the sender
     * once that transaction commits, with no second statement to claim it. If the transaction rolls
     * back, nothing is sent. If this process stops before the outcome is recorded, the row is taken up
     * as stuck after {@link #STUCK_AFTER}, as a row claimed by a batch would be.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sendOnCommit(Delivery delivery) {
        delivery.state = "sending";
        delivery.attempts = 1;
        delivery.trace = Context.current();
        @SuppressWarnings("unchecked")
        List<Delivery> claimed = (List<Delivery>) synchronizations.getResource(CLAIMED_BY_PLANNING);
        if (claimed == null) {
            List<Delivery> rows = new ArrayList<>();
            synchronizations.putResource(CLAIMED_BY_PLANNING, rows);
            AfterCommit.run(synchronizations, () -> {
                planned.addAll(rows);
                wakeSender();
            });
            claimed = rows;
        }
        claimed.add(delivery);
    }

    /**
     * Claims and sends the given ledger rows that are still {@code requested} (rows due again, rows
     * released); rows already claimed are left to whoever holds them.
     */
    private void sendAll(List<UUID> notificationIds) {
        if (notificationIds.isEmpty()) {
            return;
        }
        for (UUID id : notificationIds) {
            if (queued.add(id)) {
                pending.add(id);
            }
        }
        wakeSender();
    }

    private void wakeSender() {
        try {
            sender.execute(this::sendPending);
        } catch (RejectedExecutionException stopping) {
            // Stopping: the rows stay as they are, and retryPending takes them up after a restart.
        }
    }

    @PreDestroy
    void stopSending() {
        sender.shutdown();
        dispatchers.shutdown();
        recorder.shutdown();
        try {
            // What was sent is recorded before the database goes, if the recorder can.
            dispatchers.awaitTermination(5, TimeUnit.SECONDS);
            recorder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends the rows claimed at planning, then claims and sends the queued ones, a batch at a time, until
     * none is left.
     */
    private void sendPending() {
        for (;;) {
            List<Delivery> claimed = nextPlanned();
            List<UUID> batch = claimed.isEmpty() ? nextBatch() : List.of();
            if (claimed.isEmpty() && batch.isEmpty()) {
                return;
            }
            try {
                if (!claimed.isEmpty()) {
                    dispatchAll(claimed, claimed.get(0).updatedAt);
                } else {
                    send(batch);
                }
            } catch (RuntimeException e) {
                // Rows not claimed stay 'requested' and rows claimed 'sending': retryPending takes both up.
                LOG.errorf(e, "A batch of %d notification(s) could not be sent", claimed.size() + batch.size());
            }
        }
    }

    private List<Delivery> nextPlanned() {
        List<Delivery> batch = new ArrayList<>();
        for (Delivery delivery; batch.size() < CLAIM_BATCH && (delivery = planned.poll()) != null;) {
            batch.add(delivery);
        }
        return batch;
    }

    private List<UUID> nextBatch() {
        List<UUID> batch = new ArrayList<>(CLAIM_BATCH);
        for (UUID id; batch.size() < CLAIM_BATCH && (id = pending.poll()) != null;) {
            queued.remove(id);
            batch.add(id);
        }
        return batch;
    }

    /**
     * Claims the rows still to send among {@code notificationIds}, then sends them in planned order, up to
     * {@code vigil.notification.parallel-sends} at once.
     */
    void send(List<UUID> notificationIds) {
        Instant claimedAt = clock.instant();
        dispatchAll(QuarkusTransaction.requiringNew().call(() -> claim(notificationIds, claimedAt)), claimedAt);
    }

    /**
     * Sends rows claimed at {@code claimedAt} in their order, up to {@code vigil.notification.parallel-sends}
     * at once; those not sent within {@link #SEND_CLAIMED_WITHIN} of their claim are released unsent.
     */
    private void dispatchAll(List<Delivery> claimed, Instant claimedAt) {
        for (int i = 0; i < claimed.size(); i++) {
            if (clock.instant().isAfter(claimedAt.plus(SEND_CLAIMED_WITHIN))) {
                List<UUID> unsent = claimed.subList(i, claimed.size()).stream().map(d -> d.notificationId).toList();
                LOG.warnf("%d claimed notification(s) were not sent within %s; released", unsent.size(),
                        SEND_CLAIMED_WITHIN);
                QuarkusTransaction.requiringNew().run(() -> release(unsent, true));
                return;
            }
            Delivery delivery = claimed.get(i);
            unrecorded.acquireUninterruptibly();
            inConversation.acquireUninterruptibly();
            try {
                dispatchers.execute(() -> {
                    try {
                        record(new Attempt(delivery, dispatchTraced(delivery), clock.instant()));
                    } finally {
                        inConversation.release();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                // Stopping: the row stays 'sending' and retryPending takes it up after a restart.
                inConversation.release();
                unrecorded.release();
                return;
            }
        }
    }

    /**
     * {@link #dispatchSafely} in a span {@code send <channel>}, a child of the span the row was planned
     * in (if it is still in memory); the row's outcome is then recorded in the send's trace. The
     * span names ids only: no address, and no provider reply, which may quote one.
     */
    private DeliveryOutcome dispatchTraced(Delivery delivery) {
        Span span = tracer.spanBuilder("send " + delivery.channel)
                .setParent(delivery.trace == null ? Context.root() : delivery.trace)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(NOTIFICATION_ID, delivery.notificationId.toString())
                .setAttribute(INCIDENT_ID, delivery.incidentId)
                .setAttribute(SCHOOL_ID, delivery.schoolId)
                .setAttribute(CHANNEL, delivery.channel)
                .setAttribute(ATTEMPT, delivery.attempts)
                .startSpan();
        DeliveryOutcome outcome;
        try (Scope scope = span.makeCurrent()) {
            outcome = dispatchSafely(delivery);
        }
        if (!(outcome instanceof DeliveryOutcome.Sent)) {
            span.setStatus(StatusCode.ERROR, outcome instanceof DeliveryOutcome.Permanent ? "permanent" : "transient");
        }
        span.end();
        delivery.trace = Context.root().with(span);
        return outcome;
    }

    /** Makes the row's trace current for the events that record its outcome. */
    private static Scope traced(Delivery delivery) {
        return delivery.trace == null ? Scope.noop() : delivery.trace.makeCurrent();
    }

    /** {@link #dispatch}, with anything it throws taken as a passing failure, so the row is retried. */
    private DeliveryOutcome dispatchSafely(Delivery delivery) {
        try {
            return dispatch(delivery);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sending notification %s failed unexpectedly", delivery.notificationId);
            return new DeliveryOutcome.Transient("unexpected: " + e.getMessage());
        }
    }

    /**
     * Marks the rows among {@code notificationIds} still {@code requested} as {@code sending} (one more
     * attempt) and reads them, in one statement; rows another sender holds are skipped, not waited for.
     */
    private List<Delivery> claim(List<UUID> notificationIds, Instant now) {
        @SuppressWarnings("unchecked")
        List<Delivery> claimed = entityManager.createNativeQuery("update delivery set state = 'sending', "
                + "attempts = attempts + 1, updated_at = :now where notification_id in (select notification_id "
                + "from delivery where notification_id in (:ids) and state = 'requested' for update skip locked) "
                + "returning *", Delivery.class)
                .setParameter("now", now)
                .setParameter("ids", notificationIds)
                .getResultList();
        Map<UUID, Integer> order = new HashMap<>();
        for (int i = 0; i < notificationIds.size(); i++) {
            order.putIfAbsent(notificationIds.get(i), i);
        }
        List<Delivery> inOrder = new ArrayList<>(claimed);
        inOrder.sort(Comparator.comparing(delivery -> order.get(delivery.notificationId)));
        inOrder.forEach(entityManager::detach);
        return inOrder;
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

    private void record(Attempt attempt) {
        if (!(attempt.outcome() instanceof DeliveryOutcome.Sent)) {
            boolean permanent = attempt.outcome() instanceof DeliveryOutcome.Permanent;
            LOG.warnf("Notification %s not sent (%s): %s", attempt.delivery().notificationId,
                    permanent ? "permanent" : "transient", reason(attempt.outcome()));
        }
        outcomes.add(attempt);
        try {
            recorder.execute(this::recordPending);
        } catch (RejectedExecutionException stopping) {
            recordPending();
        }
    }

    /** Records the outcomes gathered so far, a batch at a time, until none is left. */
    private void recordPending() {
        if (outcomes.isEmpty()) {
            return;
        }
        if (outcomes.size() < RECORD_BATCH) {
            try {
                Thread.sleep(GATHER_FOR.toMillis());
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
        for (;;) {
            List<Attempt> batch = new ArrayList<>();
            for (Attempt attempt; batch.size() < RECORD_BATCH && (attempt = outcomes.poll()) != null;) {
                batch.add(attempt);
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                recordAll(batch);
            } finally {
                unrecorded.release(batch.size());
            }
        }
    }

    /**
     * Records outcomes in one transaction: each sent row {@code sent} with its
     * {@code NotificationDelivered} and audit record, each failed one retried later or failed for good.
     * If that fails, each outcome is recorded in a transaction of its own.
     */
    private void recordAll(List<Attempt> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.collecting(() -> {
                apply(batch);
                return null;
            }));
            return;
        } catch (RuntimeException e) {
            LOG.warnf("%d notification outcome(s) could not be recorded together (%s); recording them one at a time",
                    batch.size(), e.getMessage());
        }
        batch.forEach(this::recordOne);
    }

    /**
     * Records one outcome. A sent message is out, so a failure here must never lead to a second send:
     * it is retried, and if the database stays away the row stays {@code sending}.
     */
    private void recordOne(Attempt attempt) {
        for (int tries = 1; tries <= 5; tries++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(List.of(attempt)));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("The outcome of notification %s is not yet recorded (attempt %d): %s",
                        attempt.delivery().notificationId, tries, e.getMessage());
                try {
                    Thread.sleep(1000L * tries);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.errorf("The outcome of notification %s could not be recorded; it stays 'sending'",
                attempt.delivery().notificationId);
    }

    /** Records the outcomes in the caller's transaction; the sent rows' updates go in one JDBC batch. */
    private void apply(List<Attempt> attempts) {
        List<Attempt> sent = new ArrayList<>();
        for (Attempt attempt : attempts) {
            if (attempt.outcome() instanceof DeliveryOutcome.Sent) {
                sent.add(attempt);
            } else {
                try (Scope scope = traced(attempt.delivery())) {
                    markAttemptFailed(attempt.delivery().notificationId, reason(attempt.outcome()),
                            attempt.outcome() instanceof DeliveryOutcome.Permanent);
                }
            }
        }
        if (!sent.isEmpty()) {
            markSent(sent);
        }
    }

    private static String reason(DeliveryOutcome outcome) {
        return outcome instanceof DeliveryOutcome.Permanent permanent ? permanent.reason()
                : ((DeliveryOutcome.Transient) outcome).reason();
    }

    /** Retries rows whose earlier attempt failed or was interrupted. */
    @Scheduled(every = "${vigil.notification.retry-interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryPending() {
        Instant now = clock.instant();
        List<Delivery> due = QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>list(
                "(state = 'requested' and updatedAt < ?1 and (deliverAfter is null or deliverAfter <= ?3)) "
                        + "or (state = 'sending' and updatedAt < ?2)",
                now.minusSeconds(10), now.minus(STUCK_AFTER), now));
        List<UUID> stuck = new ArrayList<>();
        List<UUID> toSend = new ArrayList<>();
        for (Delivery delivery : due) {
            if (delivery.attempts > 0
                    && delivery.updatedAt.plus(backoff(delivery.attempts, delivery.notificationId)).isAfter(now)) {
                continue;
            }
            if ("sending".equals(delivery.state)) {
                stuck.add(delivery.notificationId);
            }
            toSend.add(delivery.notificationId);
        }
        if (!stuck.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> release(stuck, false));
        }
        sendAll(toSend);
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

    /**
     * Puts claimed rows back to {@code requested}; {@code untried} ones also get back the attempt their
     * claim counted.
     */
    private void release(List<UUID> notificationIds, boolean untried) {
        entityManager.createQuery("update Delivery set state = 'requested', attempts = attempts - ?2 "
                + "where notificationId in ?1 and state = 'sending'")
                .setParameter(1, notificationIds)
                .setParameter(2, untried ? 1 : 0)
                .executeUpdate();
    }

    /** Marks the rows sent when the server accepted them, each with its event and audit record. */
    private void markSent(List<Attempt> sent) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update delivery set state = 'sent', "
                    + "provider_reference = ?, updated_at = ?, last_error = null where notification_id = ?")) {
                for (Attempt attempt : sent) {
                    update.setString(1, ((DeliveryOutcome.Sent) attempt.outcome()).providerReference());
                    update.setObject(2, attempt.at().atOffset(ZoneOffset.UTC));
                    update.setObject(3, attempt.delivery().notificationId);
                    update.addBatch();
                }
                update.executeBatch();
            }
        });
        for (Attempt attempt : sent) {
            Delivery delivery = attempt.delivery();
            Instant at = attempt.at();
            NotificationDelivered delivered = new NotificationDelivered(delivery.notificationId.toString(),
                    delivery.incidentId, delivery.trustId, delivery.schoolId, delivery.channel, delivery.recipientRef,
                    ((DeliveryOutcome.Sent) attempt.outcome()).providerReference(), delivery.attempts, at);
            try (Scope scope = traced(delivery)) {
                outbox.publish(Topics.NOTIFICATIONS, delivered.notificationId(), EventCodec.encoded(SOURCE, delivered,
                        delivered.notificationId(), delivery.trustId, delivery.schoolId, delivery.incidentId, at));
                audit.record(delivery.trustId, delivery.schoolId, "system", "notification.sent", "notification",
                        delivered.notificationId(), "success", Map.of("incidentId", delivery.incidentId,
                                "channel", delivery.channel, "template", delivery.templateId));
            }
            metrics.counter(DELIVERED, "channel", delivery.channel).increment();
        }
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

    /** Every channel's counters from zero, so a failure rate is defined before the first message. */
    void registerCounters(@Observes StartupEvent event) {
        for (String channel : List.of(ChannelPolicy.EMAIL, ChannelPolicy.SMS, ChannelPolicy.WEBHOOK)) {
            metrics.counter(DELIVERED, "channel", channel);
            for (boolean permanent : new boolean[] {true, false}) {
                metrics.counter(FAILED, "channel", channel, "permanent", Boolean.toString(permanent));
            }
        }
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
        outbox.publish(Topics.NOTIFICATIONS, failed.notificationId(), EventCodec.encoded(SOURCE, failed,
                failed.notificationId(), delivery.trustId, delivery.schoolId, delivery.incidentId, now));
        audit.record(delivery.trustId, delivery.schoolId, "system", "notification.failed", "notification",
                failed.notificationId(), "failure", Map.of("incidentId", delivery.incidentId,
                        "channel", delivery.channel, "permanent", Boolean.toString(permanent)));
        // vigil_notification_failed_total: a message that will not be sent (refused, bounced, or out of retries).
        metrics.counter(FAILED, "channel", delivery.channel, "permanent",
                Boolean.toString(permanent)).increment();
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
