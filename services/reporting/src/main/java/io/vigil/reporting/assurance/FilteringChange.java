package io.vigil.reporting.assurance;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * An entry of the filtering change log: a site or category allowed or blocked at a school, who asked,
 * who decided and when it was applied. Once decided its content is fixed (the database refuses
 * anything else); a correction is a new entry naming the one it corrects.
 */
@Entity
@Table(name = "filtering_change")
public class FilteringChange extends SchoolEntry {

    /** Asked for, not yet decided. */
    public static final String REQUESTED = "requested";
    /** Approved by a head or trust administrator other than the person who asked. */
    public static final String APPROVED = "approved";
    /** Turned down; never applied. */
    public static final String REJECTED = "rejected";
    /** Approved and then made on the filtering system. */
    public static final String APPLIED = "applied";
    public static final List<String> STATUSES = List.of(REQUESTED, APPROVED, REJECTED, APPLIED);

    /** {@code allow} or {@code block}. */
    @Column(name = "change_action", nullable = false)
    public String action;

    /** {@code site} (a host name) or {@code category} (the filtering system's category name). */
    @Column(name = "target_kind", nullable = false)
    public String targetKind;

    @Column(nullable = false)
    public String target;

    /** For whom: a group or class of devices (e.g. staff, year 6, office PCs); null for everyone. */
    @Column(name = "applies_to")
    public String appliesTo;

    @Column(nullable = false)
    public String reason;

    /** The earlier entry this one corrects, if any. */
    public UUID corrects;

    @Column(nullable = false)
    public String status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "applied_by")
    public String appliedBy;

    @Column(name = "applied_at")
    public Instant appliedAt;

    /** Entries of the given trust and schools, newest request first, optionally of one status. */
    static List<FilteringChange> list(String trustId, Collection<String> schoolIds, String status, int pageIndex,
            int pageSize) {
        Parameters parameters = Parameters.with("trust", trustId).and("schools", schoolIds);
        String query = "trustId = :trust and schoolId in :schools";
        if (status != null) {
            query += " and status = :status";
            parameters.and("status", status);
        }
        return find(query, Sort.descending("requestedAt").and("id"), parameters)
                .page(Page.of(pageIndex, pageSize)).list();
    }
}
