package io.vigil.triage.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
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

    /** Incidents of the given trust and schools, newest first; the only way incidents are listed. */
    public static List<Incident> listVisible(String trustId, Collection<String> schoolIds, int pageIndex, int pageSize) {
        return find("trustId = ?1 and schoolId in ?2", Sort.descending("openedAt").and("id"), trustId, schoolIds)
                .page(Page.of(pageIndex, pageSize))
                .list();
    }

    /** One incident if it belongs to the given trust and schools; otherwise nothing, as if it did not exist. */
    public static Optional<Incident> findVisible(UUID id, String trustId, Collection<String> schoolIds) {
        return find("id = ?1 and trustId = ?2 and schoolId in ?3", id, trustId, schoolIds).firstResultOptional();
    }
}
