package io.vigil.reporting.register;

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

    /** Register rows of the given trust and schools, newest first. */
    public static List<RegisterEntry> listVisible(String trustId, Collection<String> schoolIds, int pageIndex,
            int pageSize) {
        return find("trustId = ?1 and schoolId in ?2", Sort.descending("openedAt").and("incidentId"), trustId,
                schoolIds).page(Page.of(pageIndex, pageSize)).list();
    }
}
