package io.vigil.reporting.assurance;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.text.Strings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A school's register of checks that filtering and monitoring work (DfE filtering and monitoring
 * standards: regular checks, what they showed and what was done). The DSL, head and trust
 * administrator record and read them; a check is recorded once done and never changed (audited).
 */
@Path("/api/v1/assurance/schools/{schoolId}/checks")
@Tag(name = "Filtering assurance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "head", "trust-admin"})
public class CheckResource {

    /**
     * A check done: on which date, how ({@code swgfl-test-filtering}, {@code manual-category-test},
     * {@code monitoring-test-alert} or {@code filtering-log-review}), where or on what, who did it, the
     * result and, unless it passed, what was done about it.
     */
    public record CheckRecord(
            @NotNull LocalDate checkedOn,
            @NotBlank @Pattern(regexp = "swgfl-test-filtering|manual-category-test|monitoring-test-alert"
                    + "|filtering-log-review", message = "swgfl-test-filtering, manual-category-test, "
                            + "monitoring-test-alert or filtering-log-review") String method,
            @Size(max = 200) String scope,
            @NotBlank @Size(max = 200) String performedBy,
            @NotBlank @Pattern(regexp = "pass|fail|partial", message = "pass, fail or partial") String result,
            @Size(max = 2000) String actionTaken) {
    }

    /** A check as the register shows it. */
    public record CheckView(String id, String schoolId, LocalDate checkedOn, String method, String scope,
            String performedBy, String result, String actionTaken, String recordedBy, Instant recordedAt) {

        static CheckView of(FilteringCheck c) {
            return new CheckView(c.id.toString(), c.schoolId, c.checkedOn, c.method, c.scope, c.performedBy,
                    c.result, c.actionTaken, c.recordedBy, c.recordedAt);
        }
    }

    @Inject
    AssuranceScope scope;

    @Inject
    AssuranceRegister register;

    @GET
    @Transactional
    @Operation(summary = "The school's checks of filtering and monitoring, latest first")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public List<CheckView> list(@PathParam("schoolId") String schoolId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return FilteringCheck.list(scope.trustId(), scope.school(schoolId), page, size).stream().map(CheckView::of)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record a check that was done (audited)")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "A field is missing or not valid; checkedOn is in the future; "
            + "no actionTaken for a check that did not pass")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public Response record(@PathParam("schoolId") String schoolId, @Valid @NotNull CheckRecord request) {
        String school = scope.school(schoolId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.checkedOn().isAfter(register.today())) {
            errors.add(new Problem.FieldError("checkedOn", "must not be in the future: a check is recorded once done"));
        }
        String actionTaken = Strings.blankToNull(request.actionTaken());
        if (!"pass".equals(request.result()) && actionTaken == null) {
            errors.add(new Problem.FieldError("actionTaken", "must say what was done about a check that did not "
                    + "pass"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The check is not valid", errors);
        }
        FilteringCheck check = new FilteringCheck();
        check.checkedOn = request.checkedOn();
        check.method = request.method();
        check.scope = Strings.blankToNull(request.scope());
        check.performedBy = request.performedBy().strip();
        check.result = request.result();
        check.actionTaken = actionTaken;
        FilteringCheck recorded = register.recordCheck(scope.trustId(), school, scope.actor(), check);
        return Response.status(Response.Status.CREATED).entity(CheckView.of(recorded)).build();
    }
}
