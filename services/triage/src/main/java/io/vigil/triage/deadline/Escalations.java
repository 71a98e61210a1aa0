package io.vigil.triage.deadline;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.outbox.Outbox;
import io.vigil.contracts.envelope.EventCodec;
import io.vigil.contracts.incident.EscalationCause;
import io.vigil.contracts.incident.IncidentEscalated;
import io.vigil.contracts.incident.Severity;
import io.vigil.contracts.topics.Topics;
import io.vigil.triage.incident.Incident;
import io.vigil.triage.rota.Rota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves incidents nobody acknowledged in time one step up their ladder (DSL, deputies, head, trust
 * safeguarding lead; for a case about staff: head, trust lead; about the head: chair of governors,
 * trust lead), and raises a missed LADO timer to the head and the trust lead. A notification that
 * could not reach the current step takes the same step at once ({@link #climb}). Outside school hours
 * the staff on the out-of-hours rota are told as well (never of a restricted case). Each step is an
 * {@code IncidentEscalated} event that notification acts on, committed with the change. Rows are
 * claimed with {@code for update skip locked}, so several triage replicas never escalate one twice.
 * Time comes from the injected clock: tests drive {@link #run(Instant)} with exact instants.
 */
@ApplicationScoped
public class Escalations {

    private static final Logger LOG = Logger.getLogger(Escalations.class);
    static final String SOURCE = "/vigil/triage";
    static final int BATCH = 200;
    static final int MAX_BATCHES = 50;

    @Inject
    Deadlines deadlines;

    /** vigil_triage_escalations_total, by cause and the incident's severity. */
    private static final String ESCALATIONS = "vigil.triage.escalations";

    @Inject
    MeterRegistry metrics;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Inject
    Rota rota;

    @Scheduled(every = "${vigil.triage.escalation.check-every:30s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        QuarkusTransaction.requiringNew().call(() -> run(clock.instant()));
    }

    /**
     * Escalates everything due at {@code now}, in batches (each handled row is no longer due, so the
     * loop ends); returns how many due incidents it handled.
     */
    @Transactional
    public int run(Instant now) {
        int made = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int step = runBatch(now);
            entityManager.flush();
            made += step;
            if (step == 0) {
                break;
            }
        }
        return made;
    }

    private int runBatch(Instant now) {
        int made = 0;
        List<Incident> due = claim("status = 'open' and ack_due_at <= ?1", now);
        for (Incident incident : due) {
            climb(incident, EscalationCause.ACKNOWLEDGEMENT_OVERDUE,
                    "Not acknowledged within " + deadlines.describe(Severity.fromWire(incident.severity)), now);
            made++;
        }
        for (Incident incident : claim("status <> 'closed' and lado_due_at <= ?1", now)) {
            incident.ladoDueAt = null;
            // A restricted case's ladder is exactly who must hear of a missed LADO timer.
            escalate(incident, Math.max(1, incident.escalationLevel), Deadlines.ladderOf(incident.routedTo),
                    EscalationCause.LADO_TIMER, "The LADO has not been consulted within one working day", null, now);
            made++;
        }
        return made;
    }

    /**
     * Moves an open incident one step up its ladder at {@code now}, announcing {@code reason}, and starts
     * the wait for the step after; at the top of its ladder only the wait ends. This is the one escalation
     * step of the deadline and of anything else that finds the current step cannot act (a notification
     * that reached nobody). The caller holds the incident's row in its transaction.
     *
     * @return whether the incident moved (false at the top of its ladder)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean climb(Incident incident, EscalationCause cause, String reason, Instant now) {
        List<String> ladder = Deadlines.ladderOf(incident.routedTo);
        int next = incident.escalationLevel + 1;
        if (next >= ladder.size()) {
            incident.ackDueAt = null;
            return false;
        }
        incident.escalationLevel = next;
        incident.ackDueAt = next + 1 < ladder.size()
                ? deadlines.acknowledgeBy(Severity.fromWire(incident.severity), now) : null;
        escalate(incident, next, List.of(ladder.get(next)), cause, reason, incident.ackDueAt, now);
        return true;
    }

    private List<Incident> claim(String condition, Instant now) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("select id from incident where " + condition
                + " order by id limit " + BATCH + " for update skip locked", UUID.class)
                .setParameter(1, now).getResultList();
        return ids.isEmpty() ? List.of() : Incident.list("id in ?1", ids);
    }

    /** Every cause's and severity's counter from zero, so a rate over them is defined before the first. */
    void registerCounters(@Observes StartupEvent event) {
        for (EscalationCause cause : EscalationCause.values()) {
            for (Severity severity : Severity.values()) {
                metrics.counter(ESCALATIONS, "cause", cause.wireName(), "severity", severity.wireName());
            }
        }
    }

    private void escalate(Incident incident, int level, List<String> roles, EscalationCause cause, String reason,
            Instant nextDue, Instant now) {
        List<String> onCall = rota.onCall(incident.trustId, incident.schoolId, incident.restricted, now);
        IncidentEscalated escalated = new IncidentEscalated(incident.id.toString(), incident.trustId,
                incident.schoolId, Severity.fromWire(incident.severity), level, roles, reason, nextDue, now,
                onCall == null || onCall.isEmpty() ? null : onCall, incident.category, cause);
        outbox.publish(Topics.INCIDENTS, escalated.incidentId(), EventCodec.encoded(SOURCE, escalated,
                escalated.incidentId(), incident.trustId, incident.schoolId, escalated.incidentId(), now));
        Map<String, String> details = new LinkedHashMap<>(Map.of("to", String.join(",", roles), "level",
                Integer.toString(level), "cause", cause.wireName()));
        if (onCall != null) {
            details.put("onCall", onCall.isEmpty() ? "nobody on the rota" : String.join(",", onCall));
        }
        audit.record(incident.trustId, incident.schoolId, "system", "incident.escalated", "incident",
                escalated.incidentId(), "success", details);
        // vigil_triage_escalations_total: deadlines missed (and failed notifications), by cause.
        metrics.counter(ESCALATIONS, "cause", cause.wireName(), "severity", incident.severity)
                .increment();
        LOG.infof("Incident %s escalated to %s: %s", incident.id, roles, reason);
    }
}
