package io.vigil.triage.alert;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.vigil.common.inbox.IdempotentConsumer;
import io.vigil.common.inbox.PoisonEventException;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.source.SourceResumed;
import io.vigil.contracts.source.SourceSilent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.triage.Channels;
import io.vigil.triage.incident.IncidentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code vigil.alerts.v1}. Each record is processed once (by event id) in one transaction
 * with the incident it opens and the events that announces; records that are not valid alerts go
 * to {@code vigil.alerts.v1.dlq} with the reason.
 */
@ApplicationScoped
public class AlertConsumer {

    static final String CONSUMER = "triage.alerts";

    @Inject
    IdempotentConsumer consumer;

    @Inject
    IncidentService incidents;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public void onAlert(ConsumerRecord<String, String> record) {
        consumer.process(CONSUMER, record.value(), event -> {
            if (EventCodec.isA(event, EventType.ALERT_RECEIVED_V1)) {
                incidents.onAlert(EventCodec.payload(event, AlertReceived.class));
            } else if (EventCodec.isA(event, EventType.CONCERN_REPORTED_V1)) {
                incidents.onConcern(EventCodec.payload(event, ConcernReported.class));
            } else if (EventCodec.isA(event, EventType.SOURCE_SILENT_V1)) {
                incidents.onSourceSilent(EventCodec.payload(event, SourceSilent.class), event.id());
            } else if (EventCodec.isA(event, EventType.SOURCE_RESUMED_V1)) {
                incidents.onSourceResumed(EventCodec.payload(event, SourceResumed.class));
            } else {
                throw new PoisonEventException("unexpected event type '" + event.type() + "' on the alerts topic");
            }
        });
    }
}
