package io.vigil.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Governor and trust reports of incidents and their outcomes, termly or yearly, as HTML, CSV, PDF or JSON.
 * A school's report for its governors, head and DSL; the trust-wide one, and any school's, for the trust
 * safeguarding lead. Aggregates only; every download is audited ({@code report.downloaded}).
 */
@Path("/api/v1/reports")
@Tag(name = "Reports")
public class ReportResource {

    static final String TRUST_LEAD = "trust-safeguarding-lead";
    static final String DOWNLOADED = "report.downloaded";

    @Inject
    Reports reports;

    @Inject
    HtmlReport html;

    @Inject
    ObjectMapper json;

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @GET
    @Path("/schools/{schoolId}/{period}")
    @Transactional
    @Produces({"text/html", "text/csv", "application/pdf", "application/json"})
    @RolesAllowed({"governor", "head", "dsl", TRUST_LEAD})
    @Operation(summary = "A school's report for a period (2025-26, 2025-26-autumn, -spring, -summer)",
            description = "format=html|csv|pdf|json, else the Accept header, else HTML. Counts from 1 to 4 are "
                    + "shown as \"fewer than 5\".")
    public Response school(@PathParam("schoolId") String schoolId, @PathParam("period") String periodId,
            @QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        String resource = "school:" + schoolId + ":" + periodId;
        try {
            tenant.requireSchool(schoolId);
        } catch (ProblemException refused) {
            audit.recordDenied(tenant.trustId(), tenant.actor(), DOWNLOADED, "report", resource,
                    refused.problem().status());
            throw refused;
        }
        ReportFormat chosen = ReportFormat.choose(format, accept == null ? List.of() : accept);
        ReportPeriod period = reports.period(periodId);
        Report report = reports.school(tenant.trustId(), schoolId, period, identity.getRoles());
        return download(report, schoolId, "school:" + schoolId + ":" + period.id(), chosen,
                schoolId + "-" + period.id());
    }

    @GET
    @Path("/trust/{period}")
    @Transactional
    @Produces({"text/html", "text/csv", "application/pdf", "application/json"})
    @RolesAllowed(TRUST_LEAD)
    @Operation(summary = "The trust-wide report for a period, with a row per school")
    public Response trust(@PathParam("period") String periodId, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) List<String> accept) {
        ReportFormat chosen = ReportFormat.choose(format, accept == null ? List.of() : accept);
        ReportPeriod period = reports.period(periodId);
        String trustId = tenant.trustId();
        Report report = reports.trust(trustId, tenant.schoolIds(), period, identity.getRoles());
        return download(report, null, "trust:" + trustId + ":" + period.id(), chosen, trustId + "-" + period.id());
    }

    private Response download(Report report, String schoolId, String resource, ReportFormat format, String name) {
        byte[] body = switch (format) {
            case HTML -> html.render(report);
            case CSV -> CsvReport.render(report);
            case PDF -> PdfReport.render(report);
            case JSON -> json(report);
        };
        audit.record(report.trustId(), schoolId, tenant.actor(), DOWNLOADED, "report", resource, "success",
                Map.of("period", report.period().id(), "format", format.wireName(),
                        "schools", Integer.toString(report.schoolIds().size())));
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", (format == ReportFormat.HTML ? "inline" : "attachment")
                        + "; filename=\"online-safety-report-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "."
                        + format.extension() + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private byte[] json(Report report) {
        try {
            return json.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
    }
}
