package io.vigil.reporting.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The audit trail of the caller's trust: who read or changed what (the head sees their own
 * school's records, the trust safeguarding lead every school's and the trust-wide ones), and the
 * verification of the trust's hash chain (ADR 0009). Reading either is itself audited.
 */
@Path("/api/v1/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final String TRUST_LEAD = "trust-safeguarding-lead";

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    AgroalDataSource dataSource;

    @GET
    @Path("/events")
    @Transactional
    @RolesAllowed({"head", TRUST_LEAD})
    @Operation(summary = "Audit records of the caller's schools, newest first",
            description = "Filters: schoolId, action (e.g. incident.read), actor, from (inclusive) and to "
                    + "(exclusive) as ISO-8601 instants of when the action happened. The trust safeguarding lead "
                    + "also sees trust-wide records (no school) when no schoolId is given.")
    public List<AuditEventView> events(@QueryParam("schoolId") String schoolId,
            @QueryParam("action") String action, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        AuditQuery.Filter filter = AuditQuery.filter(action, actor, from, to);
        String school = Strings.blankToNull(schoolId);
        Set<String> schools = visibleSchools(school);
        boolean withTrustWide = school == null && identity.hasRole(TRUST_LEAD);
        List<AuditEventView> records = AuditEntry.find(tenant.trustId(), schools, withTrustWide, filter, page, size)
                .stream().map(AuditEventView::of).toList();
        audit.record(tenant.trustId(), school, tenant.actor(), "audit.listed", "audit-trail",
                school == null ? "*" : school, "success", Map.of("count", Integer.toString(records.size())));
        return records;
    }

    @GET
    @Path("/verification")
    @RolesAllowed({TRUST_LEAD, "trust-admin"})
    @Operation(summary = "Walk the trust's audit chain: intact with its length and last hash, or the first "
            + "broken link (hash-mismatch, missing-link, reordered or head-mismatch)")
    public ChainVerification verification() throws SQLException {
        String trustId = tenant.trustId();
        ChainVerification verification;
        try (Connection connection = dataSource.getConnection()) {
            verification = ChainVerifier.verify(connection, trustId);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("intact", Boolean.toString(verification.intact()));
        details.put("links", Long.toString(verification.links()));
        if (verification.firstBreak() != null) {
            details.put("brokenAt", Long.toString(verification.firstBreak().sequence()));
            details.put("problem", verification.firstBreak().problem());
        }
        String actor = tenant.actor();
        QuarkusTransaction.requiringNew().run(() -> audit.record(trustId, null, actor, "audit.verified",
                "audit-chain", trustId, "success", details));
        return verification;
    }

    /** The schools the query may read; a refusal (403) is audited, since the request's transaction rolls back. */
    private Set<String> visibleSchools(String school) {
        try {
            return tenant.visibleSchools(school);
        } catch (ProblemException refused) {
            audit.recordDenied(tenant.trustId(), tenant.actor(), "audit.listed", "audit-trail",
                    school == null ? "*" : school, refused.problem().status());
            throw refused;
        }
    }
}
