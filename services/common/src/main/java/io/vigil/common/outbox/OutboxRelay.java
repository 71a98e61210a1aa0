package io.vigil.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.common.kafka.EventProducer;
import io.vigil.common.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them once acknowledged.
 *
 * <p>One relay per database publishes at a time: each batch runs under a transaction-scoped
 * PostgreSQL advisory lock, so replicas of a service never reorder or double-send each other's rows.
 * A crash between the broker's acknowledgement and the delete re-sends that batch; consumers are
 * idempotent by event id, which makes the whole path effectively once. A retriable failure (broker
 * away, topic not there yet) stops the batch at that row and is retried until it succeeds; a row the
 * broker refuses for good (too large, not authorised) is parked in {@code vigil_outbox_parked} with
 * the reason, so one bad event cannot hold back every later one. A row's trace context (written by
 * {@link Outbox#publish}) becomes the record's {@code traceparent} and {@code tracestate} headers.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key: "vigil-outbox" folded into a bigint. */
    private static final long LOCK_KEY = 0x7669_6769_6c6f_7574L;

    @Inject
    EntityManager entityManager;

    @Inject
    EventProducer producer;

    @Inject
    OutboxConfig config;

    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread worker;
    /** A retriable failure of the last batch, raised after its transaction kept what did succeed. */
    private RuntimeException pending;

    void start(@Observes StartupEvent event) {
        running.set(true);
        worker = new Thread(this::run, "vigil-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        wakeUp.release();
        if (worker != null) {
            try {
                worker.join(config.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Asks the relay to look at the outbox now (called after a commit that wrote to it). */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (running.get()) {
            try {
                int published = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (pending != null) {
                    RuntimeException failure = pending;
                    pending = null;
                    throw failure;
                }
                if (published == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return;
                }
                LOG.warnf("Outbox batch not published, retrying in %s: %s", config.retryBackoff(), e.getMessage());
                sleep();
            }
        }
    }

    /** Publishes one batch in the current transaction; returns how many events it published. */
    int publishBatch() throws Exception {
        Object locked = entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, LOCK_KEY)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select id, topic, message_key, payload, traceparent, tracestate from vigil_outbox order by id limit ?1")
                .setParameter(1, config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            TraceContext trace = row[4] == null ? null : new TraceContext((String) row[4], (String) row[5]);
            acks.add(producer.send((String) row[1], (String) row[2], (String) row[3], trace));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Long> done = new ArrayList<>(rows.size());
        RuntimeException retryLater = null;
        for (int i = 0; i < rows.size() && retryLater == null; i++) {
            long id = ((Number) rows.get(i)[0]).longValue();
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(id);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException || !(e.getCause() instanceof KafkaException)) {
                    retryLater = new IllegalStateException("event " + rows.get(i)[0] + " not acknowledged yet: "
                            + e.getCause().getMessage(), e.getCause());
                } else {
                    park(id, e.getCause());
                    done.add(id);
                }
            } catch (TimeoutException e) {
                retryLater = new IllegalStateException("no acknowledgement within " + config.sendTimeout(), e);
            }
        }
        // Everything up to the first retriable failure is done; the rest is sent again next time (in
        // order, and harmlessly for records the broker did take: consumers deduplicate by event id).
        if (!done.isEmpty()) {
            entityManager.createNativeQuery("delete from vigil_outbox where id in (?1)")
                    .setParameter(1, done)
                    .executeUpdate();
        }
        if (retryLater != null) {
            pending = retryLater;
        }
        return done.size();
    }

    /** Moves a row the broker will never accept aside, with the reason, so later events still flow. */
    private void park(long id, Throwable reason) {
        String text = reason.getClass().getSimpleName() + ": " + reason.getMessage();
        LOG.errorf("Outbox event %d parked in vigil_outbox_parked, the broker refused it: %s", id, text);
        entityManager.createNativeQuery("insert into vigil_outbox_parked "
                + "(id, event_id, topic, message_key, payload, created_at, reason, traceparent, tracestate) "
                + "select id, event_id, topic, message_key, payload, created_at, ?2, traceparent, tracestate "
                + "from vigil_outbox where id = ?1")
                .setParameter(1, id)
                .setParameter(2, text.length() > 1000 ? text.substring(0, 1000) : text)
                .executeUpdate();
    }

    private void sleep() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
