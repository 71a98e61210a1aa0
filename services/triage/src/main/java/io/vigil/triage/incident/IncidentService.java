package io.vigil.triage.incident;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.alert.AlertReceived;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.IncidentOpened;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.triage.alert.IncidentAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns alerts into incidents and announces them on {@code vigil.incidents.v1}.
 *
 * <p>For now every new alert opens its own incident with a default severity, routed to the
 * school's DSL; the policy taxonomy, severity scoring, correlation and routing rules replace
 * {@link #severityOf} and {@link #categoryOf} as they are built.
 */
@ApplicationScoped
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);
    static final String SOURCE = "/vigil/triage";
    static final String DSL = "dsl";

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Opens an incident for a new alert; a redelivered alert (same appliance and event id) changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onAlert(AlertReceived alert) {
        if (IncidentAlert.exists(alert.applianceId(), alert.sourceEventId())) {
            LOG.debugf("Alert %s from %s already belongs to an incident", alert.sourceEventId(), alert.applianceId());
            return;
        }
        Instant now = clock.instant();
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.trustId = alert.trustId();
        incident.schoolId = alert.schoolId();
        incident.category = categoryOf(alert);
        incident.severity = severityOf(alert).wireName();
        incident.severityReasons = String.join("\n", severityReasons());
        incident.status = "open";
        incident.routedTo = DSL;
        incident.subjectRef = alert.userRef() != null ? alert.userRef() : alert.deviceRef();
        incident.alertCount = 1;
        incident.firstSeenAt = alert.occurredAt();
        incident.lastSeenAt = alert.occurredAt();
        incident.openedAt = now;
        incident.persist();

        IncidentAlert stored = new IncidentAlert();
        stored.alertId = alert.alertId();
        stored.incidentId = incident.id;
        stored.applianceId = alert.applianceId();
        stored.sourceEventId = alert.sourceEventId();
        stored.sourceKind = alert.sourceKind().wireName();
        stored.vendor = alert.vendor();
        stored.vendorCategory = alert.vendorCategory();
        stored.action = alert.action();
        stored.urlHost = alert.urlHost();
        stored.occurredAt = alert.occurredAt();
        stored.receivedAt = alert.receivedAt();
        stored.persist();

        // The user name stays in triage: no consumer of the incidents topic needs it.
        IncidentOpened opened = new IncidentOpened(incident.id.toString(), incident.trustId, incident.schoolId,
                incident.category, Severity.fromWire(incident.severity), severityReasons(), incident.routedTo,
                List.of(alert.alertId()), null, incident.firstSeenAt, now);
        outbox.publish(Topics.INCIDENTS, opened.incidentId(), EventCodec.envelope(SOURCE, opened,
                opened.incidentId(), incident.trustId, incident.schoolId, alert.alertId(), now));
        audit.record(incident.trustId, incident.schoolId, "system", "incident.opened", "incident",
                opened.incidentId(), "success", Map.of("alertId", alert.alertId(), "severity", incident.severity));
    }

    static Severity severityOf(AlertReceived alert) {
        return Severity.MEDIUM;
    }

    static List<String> severityReasons() {
        return List.of("Default severity: no severity rules are configured for this school yet");
    }

    /** The vendor's category as a lower-case slug, e.g. "Adult Content" becomes "adult-content". */
    static String categoryOf(AlertReceived alert) {
        String slug = alert.vendorCategory().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "uncategorised" : slug;
    }
}
