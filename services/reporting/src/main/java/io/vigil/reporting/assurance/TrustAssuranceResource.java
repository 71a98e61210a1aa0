package io.vigil.reporting.assurance;

import io.vigil.common.problem.Problem;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The filtering assurance register across the trust, for the trust administrator: every school's
 * filtering change log in one list, and each school's summary for a period.
 */
@Path("/api/v1/assurance")
@Tag(name = "Filtering assurance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("trust-admin")
public class TrustAssuranceResource {

    /** A school's summary for the period. */
    public record SchoolSummary(String schoolId, AssuranceSummary summary) {
    }

    /** The trust's summary for the period: all its schools together, then each one. */
    public record TrustSummary(LocalDate from, LocalDate to, AssuranceSummary trust, List<SchoolSummary> schools) {
    }

    @Inject
    TenantScope tenant;

    @Inject
    AssuranceRegister register;

    @GET
    @Path("/filtering-changes")
    @Transactional
    @Operation(summary = "The filtering change logs of every school of the trust, newest request first",
            description = "status filters to requested, approved, rejected or applied entries.")
    public List<FilteringChangeResource.ChangeView> changes(@QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return FilteringChange.list(tenant.trustId(), tenant.schoolIds(), FilteringChangeResource.status(status),
                page, size).stream().map(FilteringChangeResource.ChangeView::of).toList();
    }

    @GET
    @Path("/summary")
    @Transactional
    @Operation(summary = "Changes, checks and annual reviews of every school of the trust for a period",
            description = "from (inclusive) and to (exclusive) are ISO dates; to defaults to tomorrow and from to "
                    + "a year before to. A review is overdue when a school had no sign-off in the 12 months before "
                    + "'to', or its next review due date had passed by then.")
    public TrustSummary summary(@QueryParam("from") String from, @QueryParam("to") String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate until = date("to", to, errors);
        LocalDate since = date("from", from, errors);
        if (errors.isEmpty()) {
            until = until != null ? until : register.today().plusDays(1);
            since = since != null ? since : until.minusYears(1);
            if (!since.isBefore(until)) {
                errors.add(new Problem.FieldError("to", "must be after 'from'"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Invalid period", errors);
        }
        String trustId = tenant.trustId();
        Set<String> schools = tenant.schoolIds();
        List<SchoolSummary> each = new ArrayList<>();
        for (String school : schools) {
            each.add(new SchoolSummary(school, register.summary(trustId, Set.of(school), since, until)));
        }
        return new TrustSummary(since, until, register.summary(trustId, schools, since, until), each);
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        String text = Strings.blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO date such as 2026-09-01"));
            return null;
        }
    }
}
