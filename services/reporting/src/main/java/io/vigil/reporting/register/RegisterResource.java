package io.vigil.reporting.register;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.tenancy.TenantScope;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incident register of the caller's schools (the trust safeguarding lead sees all of the trust's). */
@Path("/api/v1/register/incidents")
@Tag(name = "Register")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
public class RegisterResource {

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Transactional
    @Operation(summary = "List register rows of the caller's schools, newest first")
    public List<RegisterView> list(@QueryParam("schoolId") String schoolId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        List<RegisterView> rows = RegisterEntry.listVisible(tenant.trustId(), tenant.visibleSchools(schoolId),
                identity.getRoles(), page, size).stream().map(RegisterView::of).toList();
        audit.record(tenant.trustId(), schoolId, tenant.actor(), "register.listed", "incident-register",
                schoolId == null ? "*" : schoolId, "success", Map.of("count", Integer.toString(rows.size())));
        return rows;
    }
}
