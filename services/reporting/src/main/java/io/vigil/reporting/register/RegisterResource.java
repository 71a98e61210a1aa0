package io.vigil.reporting.register;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import io.vigil.common.time.CalendarConfig;
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
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The incident register of the caller's schools (the trust safeguarding lead sees all of the trust's), a
 * page at a time with the number of matching rows in {@value #TOTAL_COUNT}. Governors see aggregates only
 * and trust admins no case content: both are refused.
 */
@Path("/api/v1/register/incidents")
@Tag(name = "Register")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
public class RegisterResource {

    /** The response header holding how many rows match the filters, over every page. */
    public static final String TOTAL_COUNT = "X-Total-Count";

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    SecurityIdentity identity;

    @Inject
    CalendarConfig calendar;

    @GET
    @Transactional
    @Operation(summary = "List register rows of the caller's schools, newest first",
            description = "Filters: schoolId; from (inclusive) and to (exclusive) on when the incident opened, as"
                    + " ISO dates (midnight in the trust's time zone) or ISO-8601 instants, at most 5 years apart;"
                    + " category (a policy category slug); fourCs (content, contact, conduct or commerce); severity"
                    + " (low, medium, high, critical); status (open, acknowledged, closed); source (an appliance id,"
                    + " or 'concern' for concerns staff reported). A concern about a member of staff is listed only"
                    + " for the roles it was routed to.")
    @APIResponse(responseCode = "200", description = "One page of rows", headers = @Header(name = TOTAL_COUNT,
            description = "How many rows match the filters, over every page"))
    public Response list(@QueryParam("schoolId") String schoolId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("category") String category,
            @QueryParam("fourCs") String fourCs, @QueryParam("severity") String severity,
            @QueryParam("status") String status, @QueryParam("source") String source,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        RegisterFilter filter = RegisterFilter.parse(from, to, category, fourCs, severity, status, source,
                calendar.zone());
        String school = Strings.blankToNull(schoolId);
        RegisterEntry.Page found = RegisterEntry.search(tenant.trustId(), tenant.visibleSchools(school),
                identity.getRoles(), filter, page, size);
        List<RegisterView> rows = found.rows().stream().map(RegisterView::of).toList();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("count", Integer.toString(rows.size()));
        details.put("total", Long.toString(found.total()));
        details.put("filters", filter.describe());
        audit.record(tenant.trustId(), school, tenant.actor(), "register.listed", "incident-register",
                school == null ? "*" : school, "success", details);
        return Response.ok(rows).header(TOTAL_COUNT, found.total()).build();
    }
}
