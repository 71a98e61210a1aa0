package io.vigil.common.inbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.tracing.EventSpans;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Processes each event once per consumer: the event id is recorded in {@code vigil_processed_event}
 * in the same transaction as the consumer's own changes (and the outbox rows they publish), so a
 * redelivered record changes nothing. The Kafka offset is acknowledged only after that transaction
 * committed, because the channel acknowledges when this method returns.
 *
 * <p>A record that is not a valid event, or that the handler declares poison, is thrown back
 * unchanged so the channel's dead-letter strategy records it with the reason. So is one whose data
 * the database refuses (SQL state class 22: a value too long for its column, a character text cannot
 * hold, a number out of range): retrying cannot change the record, and it would hold up every record
 * behind it on the partition for the whole retry time. Other failures
 * (a database failing over, a serialisation conflict) are retried with exponential backoff, holding
 * the partition, for up to {@code vigil.consumer.retry-for}; only a failure that outlasts that goes to
 * the dead-letter topic, with its reason.
 *
 * <p>{@link #processAll} handles many events in one transaction (one query marks them all), for a
 * consumer that reads a poll's records together; it neither retries nor sorts out poison records:
 * its caller splits the events and tries again, down to {@link #process} for a single record.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** SQL state class "data exception": 22001 value too long, 22021 invalid character, 22003 out of range... */
    private static final String DATA_EXCEPTION = "22";

    @Inject
    EntityManager entityManager;

    @Inject
    EventSpans spans;

    @ConfigProperty(name = "vigil.consumer.retry-for", defaultValue = "2m")
    Duration retryFor;

    /**
     * {@link #process} for a Kafka record; a tombstone (a compacted topic's record without a value,
     * which marks a key as gone) carries no event and is skipped.
     *
     * @return whether the handler ran (false for a tombstone or a duplicate)
     */
    public boolean process(String consumer, ConsumerRecord<String, String> record, Consumer<CloudEvent> handler) {
        return record.value() != null && process(consumer, record.value(), handler);
    }

    /**
     * Decodes {@code record} and runs {@code handler} in a new transaction unless {@code consumer}
     * already processed that event id.
     *
     * @return whether the handler ran (false for a duplicate)
     */
    public boolean process(String consumer, String record, Consumer<CloudEvent> handler) {
        return process(consumer, EventCodec.decode(record), handler);
    }

    /**
     * Runs {@code handler} with an event already decoded, in a new transaction, unless {@code consumer}
     * already processed its id.
     *
     * @return whether the handler ran (false for a duplicate)
     */
    public boolean process(String consumer, CloudEvent event, Consumer<CloudEvent> handler) {
        Span span = spans.start(consumer, event);
        try (Scope scope = span.makeCurrent()) {
            return EventSpans.endingAfter(List.of(span), () -> processWithRetries(consumer, event, handler));
        }
    }

    private boolean processWithRetries(String consumer, CloudEvent event, Consumer<CloudEvent> handler) {
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
                if (refusedData(e)) {
                    throw new PoisonEventException(consumer + " cannot store event " + event.id()
                            + ": the database refuses its data (" + root.getMessage() + ")", e);
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

    /**
     * Runs {@code handler} once, in one new transaction, with those of {@code events} that
     * {@code consumer} has not processed before (each event id once, in the given order), and marks
     * them processed in that transaction. Any failure rolls everything back and is thrown as it is,
     * with no retry: the caller processes the events one by one ({@link #process}) instead. Each event
     * has its span, ended once the transaction is over; the handler makes the one of the event it
     * works on current with {@link EventSpans#activate}.
     *
     * @return the events the handler was given (none when every one was a duplicate)
     */
    public List<CloudEvent> processAll(String consumer, List<CloudEvent> events, Consumer<List<CloudEvent>> handler) {
        List<Span> started = spans.startAll(consumer, events);
        return EventSpans.endingAfter(started,
                () -> EventSpans.handling(events, started, () -> processAllOnce(consumer, events, handler)));
    }

    private List<CloudEvent> processAllOnce(String consumer, List<CloudEvent> events,
            Consumer<List<CloudEvent>> handler) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> fresh = markProcessed(consumer, events);
            List<CloudEvent> toHandle = new ArrayList<>(fresh.size());
            for (CloudEvent event : events) {
                if (fresh.remove(event.id())) {
                    toHandle.add(event);
                }
            }
            if (toHandle.size() < events.size()) {
                LOG.debugf("%s skipped %d duplicate event(s)", consumer, events.size() - toHandle.size());
            }
            if (!toHandle.isEmpty()) {
                handler.accept(toHandle);
            }
            return toHandle;
        });
    }

    /** Marks every event id processed in one statement; returns the ids that were not marked before. */
    private Set<String> markProcessed(String consumer, List<CloudEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(event -> ids.add(event.id()));
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> fresh = new HashSet<>();
            Array array = connection.createArrayOf("varchar", ids.toArray());
            try (PreparedStatement insert = connection.prepareStatement("insert into vigil_processed_event "
                    + "(consumer, event_id) select ?, id from unnest(?) as ids(id) on conflict do nothing returning event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, array);
                try (ResultSet marked = insert.executeQuery()) {
                    while (marked.next()) {
                        fresh.add(marked.getString(1));
                    }
                }
            } finally {
                array.free();
            }
            return fresh;
        });
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

    /** Whether the database refused the data itself (SQL state class 22), which no retry changes. */
    static boolean refusedData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(DATA_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
