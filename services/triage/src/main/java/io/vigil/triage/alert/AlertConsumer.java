package io.vigil.triage.alert;

import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vigil.common.inbox.PollConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.common.outbox.Outbox;
import io.vigil.common.tracing.EventSpans;
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
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.alerts.v1} a poll at a time (at most {@code max.poll.records} records). The
 * records of a poll are processed together in one transaction: each event once (by event id), in
 * partition order, with the incidents they open and the events that announces. If that fails, the
 * poll is split and its halves processed again, down to single records, each in its own transaction
 * with retries, so a record that is not a valid event, or that the handler refuses, goes to
 * {@code vigil.alerts.v1.dlq} alone with the reason and the others are processed. Offsets are
 * acknowledged only once every record of the poll is processed or dead-lettered ({@link PollConsumer}).
 */
@ApplicationScoped
public class AlertConsumer {

    static final String CONSUMER = "triage.alerts";

    @Inject
    PollConsumer polls;

    @Inject
    IncidentService incidents;

    @Inject
    Outbox outbox;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public CompletionStage<Void> onAlerts(KafkaRecordBatch<String, String> batch) {
        return polls.process(CONSUMER, batch, this::handle);
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
                // The events this one leads to (IncidentOpened, IncidentUpdated, audit) carry its trace on.
                try (Scope scope = EventSpans.activate(events.get(i))) {
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
