package io.vigil.common.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Processes each event once per consumer: the event id is recorded in {@code vigil_processed_event}
 * in the same transaction as the consumer's own changes (and the outbox rows they publish), so a
 * redelivered record changes nothing. The Kafka offset is acknowledged only after that transaction
 * committed, because the channel acknowledges when this method returns.
 *
 * <p>A record that is not a valid event, or that the handler declares poison, is thrown back
 * unchanged so the channel's dead-letter strategy records it with the reason. Other failures
 * (a database failing over, a serialisation conflict) are retried with exponential backoff, holding
 * the partition, for up to {@code vigil.consumer.retry-for}; only a failure that outlasts that goes to
 * the dead-letter topic, with its reason.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "vigil.consumer.retry-for", defaultValue = "2m")
    Duration retryFor;

    /**
     * Decodes {@code record} and runs {@code handler} in a new transaction unless {@code consumer}
     * already processed that event id.
     *
     * @return whether the handler ran (false for a duplicate)
     */
    public boolean process(String consumer, String record, Consumer<CloudEvent> handler) {
        CloudEvent event = EventCodec.decode(record);
        Instant giveUpAt = Instant.now().plus(retryFor);
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!markProcessed(consumer, event.id())) {
                        LOG.debugf("%s skipped duplicate event %s", consumer, event.id());
                        return false;
                    }
                    handler.accept(event);
                    return true;
                });
            } catch (InvalidEventException | PoisonEventException e) {
                throw e;
            } catch (RuntimeException e) {
                Throwable root = rootCause(e);
                if (root instanceof InvalidEventException || root instanceof PoisonEventException) {
                    throw (RuntimeException) root;
                }
                if (Instant.now().plus(backoff).isAfter(giveUpAt)) {
                    LOG.errorf(e, "%s gives event %s up after %d attempts", consumer, event.id(), attempt);
                    throw e;
                }
                LOG.warnf("%s failed on event %s (attempt %d), retrying in %s: %s", consumer, event.id(), attempt,
                        backoff, e.getMessage());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", interrupted);
        }
    }

    private boolean markProcessed(String consumer, String eventId) {
        return entityManager.createNativeQuery(
                "insert into vigil_processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
