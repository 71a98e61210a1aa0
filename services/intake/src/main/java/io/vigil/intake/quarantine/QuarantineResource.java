package io.vigil.intake.quarantine;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.intake.school.School;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Quarantined input of the administrator's schools, newest first, to fix an appliance's configuration. */
@Path("/api/v1/quarantine")
@Tag(name = "Appliances")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("trust-admin")
public class QuarantineResource {

    /** One quarantined input. */
    public record Entry(long id, Instant receivedAt, String channel, String sourceAddress, String applianceId,
            String schoolId, String reason, String excerpt) {
    }

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @GET
    @Transactional
    @Operation(summary = "Input that could not be read, with the reason (kept 30 days)")
    public List<Entry> list(@QueryParam("schoolId") String schoolId, @QueryParam("applianceId") String applianceId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Set<String> schools = tenant.visibleSchools(schoolId);
        List<String> ofTrust = School.idsInTrust(schools, tenant.trustId());
        String query = applianceId == null ? "schoolId in ?1 order by receivedAt desc, id desc"
                : "schoolId in ?1 and applianceId = ?2 order by receivedAt desc, id desc";
        var found = applianceId == null ? QuarantinedInput.<QuarantinedInput>find(query, ofTrust)
                : QuarantinedInput.<QuarantinedInput>find(query, ofTrust, applianceId);
        List<Entry> entries = found.page(0, limit).list().stream()
                .map(q -> new Entry(q.id, q.receivedAt, q.channel, q.sourceAddress, q.applianceId, q.schoolId,
                        q.reason, q.excerpt))
                .toList();
        audit.record(tenant.trustId(), schoolId, tenant.actor(), "quarantine.read", "quarantine",
                applianceId != null ? applianceId : String.join(",", ofTrust), "success",
                Map.of("count", Integer.toString(entries.size())));
        return entries;
    }
}
