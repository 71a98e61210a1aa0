package io.vigil.triage.incident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The DSL's view of incidents. Every query is limited to the caller's trust and schools from the
 * token; asking for another school is refused (403) and another school's incident is not found (404).
 */
@Path("/api/v1/incidents")
@Tag(name = "Incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
public class IncidentResource {

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Transactional
    @Operation(summary = "The inbox: incidents of the caller's schools, most severe and nearest deadline first",
            description = "Filters: status, severity (each comma-separated), category, assignee, silenced; "
                    + "order=priority (default) or newest.")
    public List<IncidentView> list(@QueryParam("schoolId") String schoolId,
            @QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("category") String category, @QueryParam("assignee") String assignee,
            @QueryParam("silenced") String silenced, @QueryParam("order") @DefaultValue("priority") String order,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Incident.Filter filter = InboxQuery.filter(status, severity, category, assignee, silenced);
        Incident.Order sort = InboxQuery.order(order);
        Set<String> schools = auditingDenial("incident.listed", schoolId == null ? "*" : schoolId, schoolId,
                () -> tenant.visibleSchools(schoolId));
        List<IncidentView> incidents = Incident.listVisible(tenant.trustId(), schools, identity.getRoles(), filter,
                sort, page, size).stream().map(IncidentView::of).toList();
        audit.record(tenant.trustId(), schoolId, tenant.actor(), "incident.listed", "incident",
                schoolId == null ? "*" : schoolId, "success", Map.of("count", Integer.toString(incidents.size())));
        return incidents;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "Read one incident (the read is audited)")
    public IncidentView get(@PathParam("id") String id) {
        Incident incident = auditingDenial("incident.read", id, null, () -> Incident.findVisible(Ids.uuidOrNotFound(id, "incident"),
                tenant.trustId(), tenant.schoolIds(), identity.getRoles()).orElseThrow(() -> ProblemException.notFound("No incident " + id)));
        audit.record(incident.trustId, incident.schoolId, tenant.actor(), "incident.read", "incident", id, "success",
                Map.of());
        return IncidentView.of(incident);
    }

    /**
     * Runs a scope check; when it refuses (403) or hides (404) the record, the attempt is audited as
     * {@code denied} in its own transaction, since the request's transaction rolls back.
     */
    private <T> T auditingDenial(String action, String resourceId, String schoolId, Supplier<T> check) {
        try {
            return check.get();
        } catch (ProblemException refused) {
            String trustId = tenant.trustId();
            String actor = tenant.actor();
            QuarkusTransaction.requiringNew().run(() -> audit.record(trustId, schoolId, actor, action, "incident",
                    resourceId, "denied", Map.of("status", Integer.toString(refused.problem().status()))));
            throw refused;
        }
    }
}
