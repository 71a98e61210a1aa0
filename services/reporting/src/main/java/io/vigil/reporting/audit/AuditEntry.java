package io.vigil.reporting.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored audit record, read for the audit query. Links are written only by {@link AuditLedger}. */
@Entity
@Immutable
@Table(name = "audit_link")
public class AuditEntry extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "trust_id", nullable = false)
    public String trustId;

    @Column(nullable = false)
    public long sequence;

    @Column(name = "audit_id", nullable = false)
    public String auditId;

    @Column(name = "school_id")
    public String schoolId;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(name = "resource_type", nullable = false)
    public String resourceType;

    @Column(name = "resource_id", nullable = false)
    public String resourceId;

    @Column(nullable = false)
    public String outcome;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> details;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "previous_hash", nullable = false)
    public String previousHash;

    @Column(nullable = false)
    public String hash;

    /**
     * A page of a trust's records in the given schools (and the trust-wide ones when asked),
     * matching the filter, newest first.
     */
    public static List<AuditEntry> find(String trustId, Collection<String> schoolIds, boolean withTrustWide,
            AuditQuery.Filter filter, int pageIndex, int pageSize) {
        StringBuilder query = new StringBuilder("trustId = :trust and (schoolId in :schools");
        Parameters parameters = Parameters.with("trust", trustId).and("schools", schoolIds);
        query.append(withTrustWide ? " or schoolId is null)" : ")");
        if (filter.action() != null) {
            query.append(" and action = :action");
            parameters.and("action", filter.action());
        }
        if (filter.actor() != null) {
            query.append(" and actor = :actor");
            parameters.and("actor", filter.actor());
        }
        if (filter.from() != null) {
            query.append(" and occurredAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and occurredAt < :to");
            parameters.and("to", filter.to());
        }
        return find(query.toString(), Sort.descending("occurredAt", "sequence"), parameters)
                .page(Page.of(pageIndex, pageSize)).list();
    }
}
