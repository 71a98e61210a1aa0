package io.vigil.triage.alert;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.triage.Channels;
import io.vigil.triage.incident.AlertBatch;
import io.vigil.triage.incident.IncidentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code vigil.alerts.v1} a poll at a time (at most {@code max.poll.records} records). The
 * records of a poll are processed together in one transaction: each event once (by event id), in
 * partition order, with the incidents they open and the events that announces. If that fails, the
 * poll's records are processed again one at a time, each in its own transaction with retries, so a
 * record that is not a valid event, or that the handler refuses, goes to
 * {@code vigil.alerts.v1.dlq} alone with the reason and the others are processed. Offsets are
 * acknowledged only once every record of the poll is processed or dead-lettered.
 */
@ApplicationScoped
public class AlertConsumer {

    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    static final String CONSUMER = "triage.alerts";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    IncidentService incidents;

    @Inject
    Outbox outbox;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public CompletionStage<Void> onAlerts(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        CompletionStage<Void> done = processTogether(records) ? batch.ack() : processOneByOne(batch);
        // Never fail the batch: the connector would nack it, and its dead-letter strategy would then
        // write every record of the poll, the processed ones too. An offset left unacknowledged is
        // not committed, so the poll is read again after a restart and changes nothing the second time.
        return done.exceptionally(failure -> {
            LOG.errorf(failure, "The offsets of a poll of %d record(s) were not acknowledged", records.size());
            return null;
        });
    }

    /** The whole poll in one transaction; false if any record of it failed (nothing of it is kept then). */
    private boolean processTogether(List<KafkaRecord<String, String>> records) {
        try {
            List<CloudEvent> events = new ArrayList<>(records.size());
            for (KafkaRecord<String, String> record : records) {
                events.add(EventCodec.decode(record.getPayload()));
            }
            consumer.processAll(CONSUMER, events, this::handle);
            return true;
        } catch (RuntimeException e) {
            LOG.infof("A poll of %d record(s) failed together (%s); processing them one at a time", records.size(),
                    e.getMessage());
            return false;
        }
    }

    /**
     * Each record in its own transaction, in order; a record that fails for good is dead-lettered
     * with its reason. The poll's offsets are acknowledged once the dead letters are written.
     */
    private CompletionStage<Void> processOneByOne(KafkaRecordBatch<String, String> batch) {
        Set<KafkaRecord<String, String>> dead = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                consumer.process(CONSUMER, record.getPayload(), event -> handle(List.of(event)));
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

    /** The events in order, in the caller's transaction; their outbox rows are written together at the end. */
    private void handle(List<CloudEvent> events) {
        List<Object> payloads = new ArrayList<>(events.size());
        List<AlertReceived> alerts = new ArrayList<>();
        for (CloudEvent event : events) {
            Object payload = payloadOf(event);
            payloads.add(payload);
            if (payload instanceof AlertReceived alert) {
                alerts.add(alert);
            }
        }
        outbox.collecting(() -> {
            AlertBatch batch = incidents.prepare(alerts);
            for (int i = 0; i < events.size(); i++) {
                Object payload = payloads.get(i);
                if (payload instanceof AlertReceived alert) {
                    incidents.onAlert(alert, batch);
                } else if (payload instanceof ConcernReported concern) {
                    incidents.onConcern(concern);
                } else if (payload instanceof SourceSilent silent) {
                    incidents.onSourceSilent(silent, events.get(i).id(), batch);
                } else if (payload instanceof SourceResumed resumed) {
                    incidents.onSourceResumed(resumed);
                }
            }
            incidents.finish(batch);
            return null;
        });
    }

    private static Object payloadOf(CloudEvent event) {
        if (EventCodec.isA(event, EventType.ALERT_RECEIVED_V1)) {
            return EventCodec.payload(event, AlertReceived.class);
        } else if (EventCodec.isA(event, EventType.CONCERN_REPORTED_V1)) {
            return EventCodec.payload(event, ConcernReported.class);
        } else if (EventCodec.isA(event, EventType.SOURCE_SILENT_V1)) {
            return EventCodec.payload(event, SourceSilent.class);
        } else if (EventCodec.isA(event, EventType.SOURCE_RESUMED_V1)) {
            return EventCodec.payload(event, SourceResumed.class);
        }
        throw new PoisonEventException("unexpected event type '" + event.type() + "' on the alerts topic");
    }
}
