package io.vigil.common.inbox;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Processes a Kafka poll (a batch-mode channel's {@link KafkaRecordBatch}) together: the poll's
 * events in one transaction through {@link IdempotentConsumer#processAll}. If that fails, nothing of
 * it is kept and the poll is split in halves, each processed together again, and so on down to single
 * records, which are processed with retries ({@link IdempotentConsumer#process}, each in its own
 * transaction). So a record that is not a valid event, or that the handler refuses, is nacked alone
 * (the channel's dead-letter strategy writes it with its reason) after about 2 × log2(poll size)
 * transactions instead of one per record of the poll, and the others are processed in their order;
 * tombstones (null values) are skipped. The poll's offsets are acknowledged only once every record is
 * processed or dead-lettered; the returned stage never fails, since the connector would then
 * dead-letter every record of the poll, the processed ones too.
 */
@ApplicationScoped
public class PollConsumer {

    private static final Logger LOG = Logger.getLogger(PollConsumer.class);

    @Inject
    IdempotentConsumer consumer;

    /**
     * Processes {@code batch} as {@code consumer}: events {@code wanted} rejects are skipped without a
     * processed mark; {@code handler} runs in the transaction with the events not processed before,
     * in order.
     *
     * @return the stage the incoming method returns
     */
    public CompletionStage<Void> process(String consumer, KafkaRecordBatch<String, String> batch,
            Predicate<CloudEvent> wanted, Consumer<List<CloudEvent>> handler) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        CompletionStage<Void> done = processTogether(consumer, records, wanted, handler) ? batch.ack()
                : processSplitting(consumer, batch, wanted, handler);
        // An offset left unacknowledged is not committed, so the poll is read again after a restart and
        // the processed-event marks make that change nothing.
        return done.exceptionally(failure -> {
            LOG.errorf(failure, "The offsets of a poll of %d record(s) were not acknowledged", records.size());
            return null;
        });
    }

    /** Processes {@code batch} as {@code consumer}: every event. */
    public CompletionStage<Void> process(String consumer, KafkaRecordBatch<String, String> batch,
            Consumer<List<CloudEvent>> handler) {
        return process(consumer, batch, event -> true, handler);
    }

    private boolean processTogether(String consumer, List<KafkaRecord<String, String>> records,
            Predicate<CloudEvent> wanted, Consumer<List<CloudEvent>> handler) {
        try {
            List<CloudEvent> events = new ArrayList<>(records.size());
            for (KafkaRecord<String, String> record : records) {
                if (record.getPayload() == null) {
                    continue;
                }
                CloudEvent event = EventCodec.decode(record.getPayload());
                if (wanted.test(event)) {
                    events.add(event);
                }
            }
            if (events.isEmpty()) {
                return true;
            }
            this.consumer.processAll(consumer, events, handler);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("%s: %d record(s) failed together (%s); splitting them", consumer, records.size(),
                    e.getMessage());
            return false;
        }
    }

    /** The poll failed together: its halves, and theirs, are processed until each record is done or dead-lettered. */
    private CompletionStage<Void> processSplitting(String consumer, KafkaRecordBatch<String, String> batch,
            Predicate<CloudEvent> wanted, Consumer<List<CloudEvent>> handler) {
        Set<KafkaRecord<String, String>> dead = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        List<KafkaRecord<String, String>> records = batch.getRecords();
        int half = records.size() / 2;
        processHalves(consumer, records.subList(0, half), wanted, handler, dead, deadLettered);
        processHalves(consumer, records.subList(half, records.size()), wanted, handler, dead, deadLettered);
        return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new))
                .thenCompose(written -> CompletableFuture.allOf(batch.getLatestOffsetRecords().values().stream()
                        .filter(latest -> !dead.contains(latest))
                        .map(latest -> latest.ack().toCompletableFuture())
                        .toArray(CompletableFuture[]::new)));
    }

    private void processHalves(String consumer, List<KafkaRecord<String, String>> records,
            Predicate<CloudEvent> wanted, Consumer<List<CloudEvent>> handler, Set<KafkaRecord<String, String>> dead,
            List<CompletableFuture<Void>> deadLettered) {
        if (records.isEmpty()) {
            return;
        }
        if (records.size() == 1) {
            processAlone(consumer, records.get(0), wanted, handler, dead, deadLettered);
            return;
        }
        if (processTogether(consumer, records, wanted, handler)) {
            return;
        }
        int half = records.size() / 2;
        processHalves(consumer, records.subList(0, half), wanted, handler, dead, deadLettered);
        processHalves(consumer, records.subList(half, records.size()), wanted, handler, dead, deadLettered);
    }

    private void processAlone(String consumer, KafkaRecord<String, String> record, Predicate<CloudEvent> wanted,
            Consumer<List<CloudEvent>> handler, Set<KafkaRecord<String, String>> dead,
            List<CompletableFuture<Void>> deadLettered) {
        if (record.getPayload() == null) {
            // A tombstone: nothing to process.
            return;
        }
        try {
            CloudEvent event = EventCodec.decode(record.getPayload());
            if (wanted.test(event)) {
                this.consumer.process(consumer, event, one -> handler.accept(List.of(one)));
            }
        } catch (RuntimeException e) {
            dead.add(record);
            // The dead-letter strategy writes the record with the reason, then acknowledges it.
            deadLettered.add(record.nack(e).toCompletableFuture());
        }
    }
}
