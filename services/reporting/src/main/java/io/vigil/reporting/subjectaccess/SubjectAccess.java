package io.vigil.reporting.subjectaccess;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.reporting.audit.AuditEntry;
import io.vigil.reporting.delivery.NotificationOutcome;
import io.vigil.reporting.register.Referral;
import io.vigil.reporting.register.RegisterEntry;
import io.vigil.reporting.retention.RecordScope;
import io.vigil.reporting.retention.Retention;
import io.vigil.reporting.retention.RetentionPolicy;
import io.vigil.reporting.subjectaccess.SubjectAccessReport.AuditEvent;
import io.vigil.reporting.subjectaccess.SubjectAccessReport.Incident;
import io.vigil.reporting.subjectaccess.SubjectAccessReport.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Gathers what reporting holds about one learner, third parties redacted; the caller's scope applies. */
@ApplicationScoped
public class SubjectAccess {

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    RetentionPolicy retention;

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    /** The export about {@code subject}: their incidents at the caller's schools that the caller's roles may see. */
    public SubjectAccessReport report(RecordScope.Subject subject) {
        String trustId = tenant.trustId();
        List<RegisterEntry> entries = RegisterEntry.<RegisterEntry>list(
                "trustId = ?1 and personId = ?2 and schoolId in ?3 order by openedAt, incidentId", trustId,
                subject.personId(), tenant.schoolIds()).stream()
                .filter(entry -> entry.visibleTo(identity.getRoles())).toList();
        List<String> incidentIds = entries.stream().map(entry -> entry.incidentId).toList();
        Map<String, List<AuditEntry>> audit = auditEvents(trustId, incidentIds);
        Redaction redaction = Redaction.of(subject.personId(), trustId, Redaction.candidates(
                audit.values().stream().flatMap(List::stream).map(entry -> entry.actor).toList(),
                audit.values().stream().flatMap(List::stream).map(entry -> entry.details).toList()));
        Map<String, List<Referral>> referrals = incidentIds.isEmpty() ? Map.of()
                : Referral.<Referral>list("incidentId in ?1 order by referredAt", incidentIds).stream()
                        .collect(Collectors.groupingBy(referral -> referral.incidentId));
        Map<String, List<NotificationOutcome>> notifications = incidentIds.isEmpty() ? Map.of()
                : NotificationOutcome.<NotificationOutcome>list("incidentId in ?1", incidentIds).stream()
                        .collect(Collectors.groupingBy(outcome -> outcome.incidentId));
        List<Incident> incidents = entries.stream().map(entry -> incident(entry, subject,
                referrals.getOrDefault(entry.incidentId, List.of()),
                notifications.getOrDefault(entry.incidentId, List.of()),
                audit.getOrDefault(entry.incidentId, List.of()), redaction)).toList();
        return new SubjectAccessReport(subject.personId(), subject.schoolId(),
                subject.person() == null ? null : subject.person().dateOfBirth,
                subject.person() != null && subject.person().removed, clock.instant(), incidents);
    }

    private Incident incident(RegisterEntry entry, RecordScope.Subject subject, List<Referral> referrals,
            List<NotificationOutcome> notifications, List<AuditEntry> audit, Redaction redaction) {
        Retention kept = retention.of(entry, subject.person());
        return new Incident(entry.incidentId, entry.schoolId, entry.category, entry.fourCs, entry.severity,
                entry.status,
                entry.sourceId == null ? "reported by a member of staff" : "filtering or monitoring system",
                entry.routedTo, entry.alertCount, entry.firstSeenAt, entry.lastSeenAt, entry.openedAt,
                entry.acknowledgedAt, entry.closedAt, entry.outcome, entry.escalations, entry.parentContact,
                entry.parentContactReason, kept.basis(), kept.retainUntil(),
                referrals.stream().map(r -> new SubjectAccessReport.Referral(r.agency, r.referredAt)).toList(),
                notifications.stream().sorted(Comparator.comparing((NotificationOutcome n) -> n.requestedAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                        .map(n -> new Notification(n.channel, n.state, Redaction.THIRD_PARTY, n.requestedAt,
                                n.settledAt)).toList(),
                audit.stream().map(a -> new AuditEvent(a.occurredAt, a.service, a.action, redaction.actor(a.actor),
                        a.outcome, redaction.details(a.details))).toList());
    }

    /**
     * The audit records about these incidents, oldest first, by incident: those whose resource is the
     * incident, and those (notification's) that name it in their details.
     */
    private Map<String, List<AuditEntry>> auditEvents(String trustId, List<String> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<AuditEntry> entries = entityManager.createNativeQuery("select * from audit_link where trust_id = :trust "
                + "and ((resource_type = 'incident' and resource_id in (:ids)) or details ->> 'incidentId' in (:ids)) "
                + "order by occurred_at, sequence", AuditEntry.class)
                .setParameter("trust", trustId).setParameter("ids", incidentIds).getResultList();
        return entries.stream().collect(Collectors.groupingBy(entry -> "incident".equals(entry.resourceType)
                && incidentIds.contains(entry.resourceId) ? entry.resourceId : entry.details.get("incidentId")));
    }
}
