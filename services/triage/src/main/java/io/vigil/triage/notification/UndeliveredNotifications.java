package io.vigil.triage.notification;

import io.vigil.common.audit.AuditTrail;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.notification.NotificationFailed;
import io.vigil.triage.casework.CaseEntry;
import io.vigil.triage.deadline.Deadlines;
import io.vigil.triage.deadline.Escalations;
import io.vigil.triage.directory.Person;
import io.vigil.triage.incident.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Acts on a notification that reached nobody (see {@link FailedDelivery}): the incident goes one step
 * up its ladder at once, exactly as when a deadline is missed; anything that does not move it is
 * recorded on the audit trail; a parent or carer nobody reached is a note on the case's chronology.
 * The incident's row is locked, so a failure and the deadline never both move one step.
 */
@ApplicationScoped
public class UndeliveredNotifications {

    private static final Logger LOG = Logger.getLogger(UndeliveredNotifications.class);
    static final String SYSTEM = "system";

    @Inject
    Escalations escalations;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Handles one failure inside the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onFailed(NotificationFailed failed) {
        Incident incident = held(failed);
        if (incident == null) {
            // Not ours (another deployment's incident, or one never opened here): nothing to escalate.
            LOG.debugf("Notification %s failed for incident %s, which triage does not hold", failed.notificationId(),
                    failed.incidentId());
            return;
        }
        String role = roleOf(failed.recipientRef(), incident);
        Instant now = clock.instant();
        FailedDelivery.Outcome outcome = FailedDelivery.decide(role, incident.status, incident.silenceId != null,
                Deadlines.ladderOf(incident.routedTo), incident.escalationLevel);
        switch (outcome) {
            case ESCALATE -> escalations.climb(incident, EscalationCause.UNREACHABLE,
                    FailedDelivery.escalationReason(role, failed.channel(), failed.reason()), now);
            case PARENT_NOT_REACHED -> noteParentNotReached(incident, failed, now);
            case ALREADY_PASSED -> LOG.debugf("Notification %s failed for %s, a step incident %s has left",
                    failed.notificationId(), role, incident.id);
            default -> audit.record(incident.trustId, incident.schoolId, SYSTEM, "incident.not-escalated", "incident",
                    incident.id.toString(), "success", Map.of("notificationId", failed.notificationId(),
                            "channel", failed.channel(), "role", role == null ? "unknown" : role,
                            "why", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
    }

    /** The incident, locked, if triage holds it for the failure's trust and school. */
    private static Incident held(NotificationFailed failed) {
        UUID id;
        try {
            id = UUID.fromString(failed.incidentId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
        Incident incident = Incident.findById(id, LockModeType.PESSIMISTIC_WRITE);
        return incident != null && incident.trustId.equals(failed.trustId())
                && incident.schoolId.equals(failed.schoolId()) ? incident : null;
    }

    /** The recipient's role from its reference, or for a bare directory id from the directory. */
    private static String roleOf(String recipientRef, Incident incident) {
        return FailedDelivery.roleOf(recipientRef).orElseGet(() -> {
            Person person = Person.ofSchool(recipientRef, incident.schoolId);
            return person != null && person.trustId.equals(incident.trustId) ? person.safeguardingRole : null;
        });
    }

    private void noteParentNotReached(Incident incident, NotificationFailed failed, Instant now) {
        CaseEntry entry = new CaseEntry();
        entry.incidentId = incident.id;
        entry.kind = "note";
        entry.actor = SYSTEM;
        entry.at = now;
        entry.text = FailedDelivery.parentNote(failed.channel(), failed.reason());
        entry.persist();
        audit.record(incident.trustId, incident.schoolId, SYSTEM, "incident.note-added", "incident",
                incident.id.toString(), "success", Map.of("notificationId", failed.notificationId(),
                        "channel", failed.channel()));
    }
}
