package io.vigil.triage.alert;

import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import java.time.Instant;

/** Publishes alerts to {@code vigil.alerts.v1} as intake does. */
public final class Alerts {

    private Alerts() {
    }

    public static AlertReceived alert(DemoTrust.School school, String alertId, String sourceEventId) {
        Instant now = Instant.parse("2026-11-23T10:15:00Z");
        return new AlertReceived(alertId, DemoTrust.TRUST_ID, school.id(), school.applianceId(), sourceEventId,
                SourceKind.FILTERING, "smoothwall", "Adult Content", "blocked", "pupil-" + sourceEventId.hashCode(),
                "10.0.0.7", "www.example.test", 3, now, now.plusSeconds(1));
    }

    /** Publishes the alert in an envelope whose id is {@code eventId}. */
    public static void publish(AlertReceived alert, String eventId) {
        CloudEvent event = EventCodec.envelope(eventId, "/vigil/intake", alert, alert.alertId(), alert.trustId(),
                alert.schoolId(), alert.alertId(), alert.receivedAt());
        TopicProbe.send(Topics.ALERTS, alert.schoolId(), EventCodec.encode(event));
    }
}
