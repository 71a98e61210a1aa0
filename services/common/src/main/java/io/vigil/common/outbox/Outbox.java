package io.vigil.common.outbox;

import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

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

    /** Adds {@code event} to the outbox; must run inside the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, String key, CloudEvent event) {
        entityManager.createNativeQuery(
                "insert into vigil_outbox (event_id, topic, message_key, payload) values (?1, ?2, ?3, ?4)")
                .setParameter(1, event.id())
                .setParameter(2, topic)
                .setParameter(3, key)
                .setParameter(4, EventCodec.encode(event))
                .executeUpdate();
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
