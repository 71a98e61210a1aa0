package io.vigil.common.outbox;

import io.vigil.common.tracing.TraceContext;
import io.vigil.common.tx.AfterCommit;
import io.vigil.contracts.envelope.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Records an event in the transaction of the state change it describes. It reaches Kafka only if
 * that transaction commits, and then always does (the relay retries until the broker acknowledges).
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry synchronizations;

    @Inject
    OutboxRelay relay;

    /** The rows {@link #collecting} holds back in the current transaction, in publishing order. */
    private static final Object PENDING = new Object();

    private record Row(String eventId, String topic, String key, String payload, String traceparent,
            String tracestate) {
    }

    /**
     * Adds {@code event} (built with {@link EventCodec#encoded}) to the outbox; must run inside the
     * caller's transaction. The current span's trace context goes with it, in its envelope and in the
     * row: the relay publishes it later, on its own thread, and sets the Kafka record's headers from
     * the row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, EventCodec.Encoded event) {
        TraceContext trace = TraceContext.current();
        Row row = trace == null ? new Row(event.id(), topic, key, event.json(), null, null)
                : new Row(event.id(), topic, key, trace.addTo(event.json()), trace.traceparent(), trace.tracestate());
        @SuppressWarnings("unchecked")
        List<Row> pending = (List<Row>) synchronizations.getResource(PENDING);
        if (pending != null) {
            pending.add(row);
            return;
        }
        entityManager.createNativeQuery("insert into vigil_outbox (event_id, topic, message_key, payload, traceparent, "
                + "tracestate) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, row.eventId())
                .setParameter(2, row.topic())
                .setParameter(3, row.key())
                .setParameter(4, row.payload())
                .setParameter(5, row.traceparent())
                .setParameter(6, row.tracestate())
                .executeUpdate();
        wakeRelayOnCommit();
    }

    /**
     * Runs {@code work} with every event it publishes held back, then writes them all at once (one
     * JDBC batch) before returning, still inside the caller's transaction: the events commit with the
     * work's changes or not at all, in the order they were published. If {@code work} throws, nothing
     * is written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T collecting(Supplier<T> work) {
        if (synchronizations.getResource(PENDING) != null) {
            return work.get();
        }
        List<Row> pending = new ArrayList<>();
        synchronizations.putResource(PENDING, pending);
        try {
            T result = work.get();
            if (!pending.isEmpty()) {
                insertAll(pending);
                wakeRelayOnCommit();
            }
            return result;
        } finally {
            synchronizations.putResource(PENDING, null);
        }
    }

    private void insertAll(List<Row> rows) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into vigil_outbox (event_id, topic, message_key, payload, traceparent, tracestate) "
                            + "values (?, ?, ?, ?, ?, ?)")) {
                for (Row row : rows) {
                    insert.setString(1, row.eventId());
                    insert.setString(2, row.topic());
                    insert.setString(3, row.key());
                    insert.setString(4, row.payload());
                    insert.setString(5, row.traceparent());
                    insert.setString(6, row.tracestate());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private void wakeRelayOnCommit() {
        AfterCommit.run(synchronizations, relay::wake);
    }
}
