package io.vigil.reporting.register;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A row of the incident register. */
@Entity
@Table(name = "incident_register")
public class RegisterEntry extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(name = "school_id", nullable = false)
    public String schoolId;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String status;

    @Column(name = "routed_to", nullable = false)
    public String routedTo;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** KCSIE's 4Cs of the category (content, contact, conduct, commerce), comma-separated; empty for none. */
    @Column(name = "four_cs", nullable = false)
    public String fourCs = "";

    /** The appliance whose alert opened it; null when a person reported the concern. */
    @Column(name = "source_id")
    public String sourceId;

    /** A concern about a member of staff: only the roles it was routed to see it. */
    @Column(nullable = false)
    public boolean restricted;

    /** Every role the incident was routed to, comma-separated, the primary one first. */
    @Column(name = "routed_roles", nullable = false)
    public String routedRoles = "";

    /** A silence matched: recorded and counted, nobody told. */
    @Column(nullable = false)
    public boolean silenced;

    /** The directory id of the person it is about: for retention and subject access, never shown in reports. */
    @Column(name = "person_id")
    public String personId;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** How the case ended, e.g. {@code false-positive}; null while open. */
    public String outcome;

    /** {@code undecided}, {@code approved} or {@code withheld}. */
    @Column(name = "parent_contact", nullable = false)
    public String parentContact = "undecided";

    /** Why parents or carers were not contacted, when withheld. */
    @Column(name = "parent_contact_reason")
    public String parentContactReason;

    /** How many times the incident climbed the escalation ladder. */
    @Column(nullable = false)
    public int escalations;

    /** For a silent filtering or monitoring system: when it was heard from again. */
    @Column(name = "source_resumed_at")
    public Instant sourceResumedAt;

    /** Whether a caller with these roles may see the row (its school being theirs). */
    public boolean visibleTo(Collection<String> roles) {
        return !restricted || roles.stream().anyMatch(role -> List.of(routedRoles.split(",")).contains(role));
    }

    /** A page of register rows and how many rows match in all. */
    public record Page(List<RegisterEntry> rows, long total) {
    }

    /**
     * Register rows of the given trust and schools that callers with these roles may see and that match the
     * filters, newest first: a restricted row (a concern about a member of staff) only for the roles it was
     * routed to.
     */
    public static Page search(String trustId, Collection<String> schoolIds, Collection<String> roles,
            RegisterFilter filter, int pageIndex, int pageSize) {
        Map<String, Object> parameters = new HashMap<>(Map.of("trustId", trustId, "schoolIds", schoolIds));
        String query = "trustId = :trustId and schoolId in :schoolIds and " + visibleTo(roles, parameters)
                + filter.conditions(parameters);
        PanacheQuery<RegisterEntry> rows = find(query, Sort.descending("openedAt").and("incidentId"), parameters);
        return new Page(rows.page(io.quarkus.panache.common.Page.of(pageIndex, pageSize)).list(), rows.count());
    }

    /**
     * The JPQL condition "not restricted, or routed to one of these roles", adding its parameters: the
     * query form of {@link #visibleTo(Collection)}.
     */
    public static String visibleTo(Collection<String> roles, Map<String, Object> parameters) {
        return visibleTo(roles, parameters, "restricted", "routedRoles");
    }

    /** The same JPQL condition over the register row aliased {@code alias}, for queries that join it. */
    public static String visibleTo(String alias, Collection<String> roles, Map<String, Object> parameters) {
        return visibleTo(roles, parameters, alias + ".restricted", alias + ".routedRoles");
    }

    /**
     * The same condition in SQL over the {@code incident_register} row aliased {@code alias}, for native
     * aggregate queries (reports).
     */
    public static String visibleToSql(String alias, Collection<String> roles, Map<String, Object> parameters) {
        return visibleTo(roles, parameters, alias + ".restricted", alias + ".routed_roles");
    }

    private static String visibleTo(Collection<String> roles, Map<String, Object> parameters, String restricted,
            String routedRoles) {
        StringBuilder condition = new StringBuilder("(" + restricted + " = false");
        int i = 0;
        for (String role : roles) {
            String name = "routedRole" + i++;
            condition.append(" or concat(',', ").append(routedRoles).append(", ',') like :").append(name);
            parameters.put(name, "%," + role + ",%");
        }
        return condition.append(')').toString();
    }
}
