package io.vigil.triage.alert;

import io.vigil.common.demo.DemoTrust;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.alert.SourceKind;
import io.vigil.contracts.concern.ConcernReported;
import io.vigil.contracts.envelope.CloudEvent;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.envelope.EventType;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.taxonomy.PolicyCategory;
import io.vigil.contracts.topics.Topics;
import io.vigil.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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

    /** A blocked alert of North's Smoothwall for a user, published now; returns its id. */
    public static String publishBlocked(String vendorCategory, String user) {
        String eventId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        publish(new AlertReceived(eventId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), DemoTrust.NORTH.applianceId(),
                eventId, SourceKind.FILTERING, "smoothwall", vendorCategory, "blocked",
                user == null ? "pupil-" + eventId : user, null, null, null, now, now), eventId);
        return eventId;
    }

    /** A concern about a member of staff at North, as intake publishes it; returns its id. */
    public static String publishStaffConcern() {
        String concernId = "con-" + UUID.randomUUID();
        Instant now = Instant.now();
        ConcernReported concern = new ConcernReported(concernId,
                DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), "north.staff", null, null, false, true, null,
                PolicyCategory.OTHER, "A worrying message", null, now, now);
        TopicProbe.send(Topics.ALERTS, DemoTrust.NORTH.id(), EventCodec.encode(EventCodec.envelope(concernId,
                "/vigil/intake", concern, concernId, DemoTrust.TRUST_ID, DemoTrust.NORTH.id(), concernId, now)));
        return concernId;
    }

    /** The {@code IncidentOpened} whose event mentions {@code cause} (an alert or concern id). */
    public static IncidentOpened awaitOpened(String cause) {
        return EventCodec.payload(EventCodec.decode(TopicProbe.await(Topics.INCIDENTS,
                r -> r.value().contains(EventType.INCIDENT_OPENED_V1.type())
                        && r.value().contains(cause), Duration.ofSeconds(30)).value()),
                IncidentOpened.class);
    }

    /** Publishes the alert in an envelope whose id is {@code eventId}. */
    public static void publish(AlertReceived alert, String eventId) {
        CloudEvent event = EventCodec.envelope(eventId, "/vigil/intake", alert, alert.alertId(), alert.trustId(),
                alert.schoolId(), alert.alertId(), alert.receivedAt());
        TopicProbe.send(Topics.ALERTS, alert.schoolId(), EventCodec.encode(event));
    }
}
