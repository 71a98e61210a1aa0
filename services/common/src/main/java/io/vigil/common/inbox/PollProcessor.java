package io.vigil.common.inbox;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Processes a Kafka poll (a channel in SmallRye's batch mode) in one transaction: every event once (by event
 * id, {@link IdempotentConsumer#processAll}), in partition order. If that fails, the poll's records are
 * processed again one at a time, each in its own transaction with retries ({@link IdempotentConsumer#process}),
 * so a record that is not a valid event, or that the handler refuses, goes to the channel's dead-letter topic
 * alone with the reason and the others are processed. The poll's offsets are acknowledged only once every
 * record of it is processed or dead-lettered (ADR 0008).
 */
public final class PollProcessor {

    private static final Logger LOG = Logger.getLogger(PollProcessor.class);

    private PollProcessor() {
    }

    /**
     * Processes the poll with {@code handler}, which is given the new events of the poll (or one event, when
     * they are processed one at a time) in the caller's transaction.
     *
     * @return completes when the poll's offsets are acknowledged; never fails (see the class comment)
     */
    public static CompletionStage<Void> process(IdempotentConsumer consumer, String consumerName,
            KafkaRecordBatch<String, String> batch, Consumer<List<CloudEvent>> handler) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        CompletionStage<Void> done = processTogether(consumer, consumerName, records, handler) ? batch.ack()
                : processOneByOne(consumer, consumerName, batch, handler);
        // Never fail the batch: the connector would nack it, and its dead-letter strategy would then
        // write every record of the poll, the processed ones too. An offset left unacknowledged is
        // not committed, so the poll is read again after a restart and changes nothing the second time.
        return done.exceptionally(failure -> {
            LOG.errorf(failure, "The offsets of a poll of %d record(s) were not acknowledged", records.size());
            return null;
        });
    }

    private static boolean processTogether(IdempotentConsumer consumer, String consumerName,
            List<KafkaRecord<String, String>> records, Consumer<List<CloudEvent>> handler) {
        try {
            List<CloudEvent> events = new ArrayList<>(records.size());
            for (KafkaRecord<String, String> record : records) {
                if (record.getPayload() != null) {
                    events.add(EventCodec.decode(record.getPayload()));
                }
            }
            consumer.processAll(consumerName, events, handler);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("A poll of %d record(s) failed together (%s); processing them one at a time", records.size(),
                    e.getMessage());
            return false;
        }
    }

    private static CompletionStage<Void> processOneByOne(IdempotentConsumer consumer, String consumerName,
            KafkaRecordBatch<String, String> batch, Consumer<List<CloudEvent>> handler) {
        Set<KafkaRecord<String, String>> dead = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            if (record.getPayload() == null) {
                continue;
            }
            try {
                consumer.process(consumerName, record.getPayload(), event -> handler.accept(List.of(event)));
            } catch (RuntimeException e) {
                dead.add(record);
                // The dead-letter strategy writes the record with the reason, then acknowledges it.
                deadLettered.add(record.nack(e).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new))
                .thenCompose(written -> CompletableFuture.allOf(batch.getLatestOffsetRecords().values().stream()
                        .filter(latest -> !dead.contains(latest))
                        .map(latest -> latest.ack().toCompletableFuture())
                        .toArray(CompletableFuture[]::new)));
    }
}
