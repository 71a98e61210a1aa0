package io.vigil.common.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.common.kafka.EventProducer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them once acknowledged.
 *
 * <p>One relay per database publishes at a time: each batch runs under a transaction-scoped
 * PostgreSQL advisory lock, so replicas of a service never reorder or double-send each other's rows.
 * A crash between the broker's acknowledgement and the delete re-sends that batch; consumers are
 * idempotent by event id, which makes the whole path effectively once.
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
                "select id, topic, message_key, payload from vigil_outbox order by id limit ?1")
                .setParameter(1, config.batchSize())
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<Long> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(((Number) row[0]).longValue());
            acks.add(producer.send((String) row[1], (String) row[2], (String) row[3]));
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        entityManager.createNativeQuery("delete from vigil_outbox where id in (?1)")
                .setParameter(1, ids)
                .executeUpdate();
        return rows.size();
    }

    private void sleep() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
