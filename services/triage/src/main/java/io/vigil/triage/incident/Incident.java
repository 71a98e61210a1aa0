package io.vigil.triage.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** An incident: one or more correlated alerts that a person at the school must act on. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String severity;

    /** The reasons for the severity, one per line. */
    @Column(name = "severity_reasons", nullable = false)
    public String severityReasons;

    @Column(nullable = false)
    public String status;

    @Column(name = "routed_to", nullable = false)
    public String routedTo;

    @Column(name = "subject_ref")
    public String subjectRef;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** Alerts with the same key within the correlation window belong to this incident. */
    @Column(name = "correlation_key", nullable = false)
    public String correlationKey;

    /** Which mapping table (and version) gave the policy category. */
    @Column(name = "mapping_basis", nullable = false)
    public String mappingBasis = "";

    /** Further roles told at once, comma-separated. */
    @Column(name = "also_routed_to", nullable = false)
    public String alsoRoutedTo = "";

    /** Only the routed roles may see it. */
    @Column(nullable = false)
    public boolean restricted;

    /** The steps the recipients must take, one per line. */
    @Column(name = "required_steps", nullable = false)
    public String requiredSteps = "";

    @Column(name = "person_id")
    public String personId;

    @Column(name = "concern_count", nullable = false)
    public int concernCount;

    @Column(name = "vendor_severity_max")
    public Integer vendorSeverityMax;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    public String assignee;

    @Column(name = "closed_at")
    public Instant closedAt;

    public String outcome;

    /** {@code undecided}, {@code approved} or {@code withheld}. */
    @Column(name = "parent_contact", nullable = false)
    public String parentContact = "undecided";

    /** When it must be acknowledged before it goes one step up its ladder; null once acknowledged or at the top. */
    @Column(name = "ack_due_at")
    public Instant ackDueAt;

    /** How many steps up its ladder it has gone. */
    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    /** For a case about a member of staff: when the LADO must have been consulted by. */
    @Column(name = "lado_due_at")
    public Instant ladoDueAt;

    /** The silence its alerts fell under: recorded and counted, but nobody told and no escalation. */
    @Column(name = "silence_id")
    public UUID silenceId;

    /** Every role the incident is routed to, the primary one first. */
    public List<String> routedRoles() {
        List<String> roles = new java.util.ArrayList<>(List.of(routedTo));
        for (String role : alsoRoutedTo.split(",")) {
            if (!role.isBlank() && !roles.contains(role)) {
                roles.add(role);
            }
        }
        return roles;
    }

    /**
     * Restricted incidents (about staff) are visible only to the roles they are routed to; a
     * restricted incident has at most one further role, so {@code alsoRoutedTo in roles} matches it.
     */
    private static final String VISIBLE = "trustId = :trust and schoolId in :schools and "
            + "(restricted = false or routedTo in :roles or alsoRoutedTo in :roles)";

    /** What the inbox is narrowed to; null fields do not narrow it. */
    public record Filter(Set<String> statuses, Set<String> severities, String category, String assignee,
            Boolean silenced) {

        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** {@code priority}: most severe first, then the nearest deadline, then the newest; {@code newest}: by opening. */
    public enum Order {
        PRIORITY("case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end, "
                + "ackDueAt asc nulls last, openedAt desc, id"),
        NEWEST("openedAt desc, id");

        final String hql;

        Order(String hql) {
            this.hql = hql;
        }
    }

    /** The caller's inbox: incidents of the trust and schools the caller may see, filtered and ordered. */
    public static List<Incident> listVisible(String trustId, Collection<String> schoolIds, Collection<String> roles,
            Filter filter, Order order, int pageIndex, int pageSize) {
        StringBuilder where = new StringBuilder(VISIBLE);
        Map<String, Object> params = new HashMap<>(Map.of("trust", trustId, "schools", schoolIds, "roles", roles));
        if (filter.statuses() != null) {
            where.append(" and status in :statuses");
            params.put("statuses", filter.statuses());
        }
        if (filter.severities() != null) {
            where.append(" and severity in :severities");
            params.put("severities", filter.severities());
        }
        if (filter.category() != null) {
            where.append(" and category = :category");
            params.put("category", filter.category());
        }
        if (filter.assignee() != null) {
            where.append(" and assignee = :assignee");
            params.put("assignee", filter.assignee());
        }
        if (filter.silenced() != null) {
            where.append(filter.silenced() ? " and silenceId is not null" : " and silenceId is null");
        }
        return find(where + " order by " + order.hql, params).page(Page.of(pageIndex, pageSize)).list();
    }

    /** One incident if the caller may see it; otherwise nothing, as if it did not exist. */
    public static Optional<Incident> findVisible(UUID id, String trustId, Collection<String> schoolIds,
            Collection<String> roles) {
        return find(VISIBLE + " and id = :id", Map.of("trust", trustId, "schools", schoolIds, "roles", roles,
                "id", id)).firstResultOptional();
    }

    /** The open incident with this key whose last alert is no earlier than {@code since}, if any. */
    public static Optional<Incident> findCorrelated(String schoolId, String correlationKey, Instant since) {
        return find("schoolId = ?1 and correlationKey = ?2 and status <> 'closed' and lastSeenAt >= ?3",
                Sort.descending("lastSeenAt"), schoolId, correlationKey, since).firstResultOptional();
    }

    /**
     * The open incidents of these schools with one of these keys whose last alert is no earlier than
     * {@code since}, locked until the transaction ends (alerts of a batch may join any of them).
     */
    public static List<Incident> lockOpenCorrelated(Collection<String> schoolIds, Collection<String> correlationKeys,
            Instant since) {
        return find("schoolId in ?1 and correlationKey in ?2 and status <> 'closed' and lastSeenAt >= ?3",
                schoolIds, correlationKeys, since).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The newest open incident about this person that the safeguarding team sees, if any. */
    public static Optional<Incident> findOpenAbout(String schoolId, String personId) {
        return find("schoolId = ?1 and personId = ?2 and status <> 'closed' and restricted = false",
                Sort.descending("lastSeenAt"), schoolId, personId).firstResultOptional();
    }
}
