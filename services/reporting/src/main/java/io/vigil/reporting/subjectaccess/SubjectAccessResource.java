package io.vigil.reporting.subjectaccess;

import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.reporting.retention.DirectoryPerson;
import io.vigil.reporting.retention.RecordScope;
import io.vigil.reporting.retention.RetentionPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Subject access (UK GDPR): everything reporting holds about one learner, as JSON or PDF, with third
 * parties redacted; for the head and DSL of the learner's school and the trust safeguarding lead. Every
 * export is audited ({@code subject-access.exported}).
 */
@Path("/api/v1/subject-access")
@Tag(name = "Subject access")
@RolesAllowed({"head", "dsl", "trust-safeguarding-lead"})
public class SubjectAccessResource {

    static final String PDF = "application/pdf";
    static final String ACTION = "subject-access.exported";

    @Inject
    TenantScope tenant;

    @Inject
    AuditTrail audit;

    @Inject
    RecordScope scope;

    @Inject
    SubjectAccess subjectAccess;

    @Inject
    RetentionPolicy retention;

    @GET
    @Path("/{personId}")
    @Produces({MediaType.APPLICATION_JSON, PDF})
    @Transactional
    @Operation(summary = "Everything reporting holds about one learner (format json or pdf), third parties redacted")
    public Response export(@PathParam("personId") String personId,
            @QueryParam("format") @DefaultValue("json") String format) {
        if (!"json".equals(format) && !"pdf".equals(format)) {
            throw ProblemException.badRequest("Invalid fields: format",
                    List.of(new Problem.FieldError("format", "must be json or pdf")));
        }
        RecordScope.Subject subject = scope.person(personId, ACTION);
        if (subject.person() != null && !DirectoryPerson.LEARNER.equals(subject.person().kind)) {
            throw ProblemException.notFound("No learner " + personId);
        }
        SubjectAccessReport report = subjectAccess.report(subject);
        audit.record(tenant.trustId(), subject.schoolId(), tenant.actor(), ACTION, "person", personId, "success",
                Map.of("format", format, "incidents", Integer.toString(report.incidents().size())));
        if ("json".equals(format)) {
            return Response.ok(report, MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(SubjectAccessPdf.render(report, retention.zone()), PDF)
                .header("Content-Disposition", "attachment; filename=\"subject-access.pdf\"").build();
    }
}
