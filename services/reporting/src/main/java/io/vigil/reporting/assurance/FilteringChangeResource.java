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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A school's filtering change log (DfE filtering and monitoring standards: who changed filtering, who
 * approved it and why). The DSL, head and trust administrator ask for changes and read the log; the
 * head or the trust administrator approves or rejects, never the person who asked. Every step is
 * audited; a decided entry is never edited, a correction is a new entry naming the one it corrects.
 */
@Path("/api/v1/assurance/schools/{schoolId}/filtering-changes")
@Tag(name = "Filtering assurance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "head", "trust-admin"})
public class FilteringChangeResource {

    /** A host name such as {@code www.example.org}: no scheme, path or query string is kept. */
    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    /**
     * A change asked for: allow or block a site (host name) or a category of the filtering system,
     * for whom (a group or class of devices, never a named learner; everyone when left out) and why.
     */
    public record ChangeRequest(
            @NotBlank @Pattern(regexp = "allow|block", message = "allow or block") String action,
            @NotBlank @Pattern(regexp = "site|category", message = "site or category") String targetKind,
            @NotBlank @Size(max = 253) String target,
            @Size(max = 200) String appliesTo,
            @NotBlank @Size(max = 2000) String reason,
            @Size(max = 36) String corrects) {
    }

    /** A decision's note: optional for an approval, required for a rejection. */
    public record Decision(@Size(max = 2000) String note) {
    }

    /** When an approved change was made on the filtering system; now when left out. */
    public record Application(Instant appliedAt) {
    }

    /** An entry of the log as the school sees it. */
    public record ChangeView(String id, String schoolId, String action, String targetKind, String target,
            String appliesTo, String reason, String corrects, String status, String requestedBy, Instant requestedAt,
            String decidedBy, Instant decidedAt, String decisionNote, String appliedBy, Instant appliedAt) {

        static ChangeView of(FilteringChange c) {
            return new ChangeView(c.id.toString(), c.schoolId, c.action, c.targetKind, c.target, c.appliesTo,
                    c.reason, c.corrects == null ? null : c.corrects.toString(), c.status, c.requestedBy,
                    c.requestedAt, c.decidedBy, c.decidedAt, c.decisionNote, c.appliedBy, c.appliedAt);
        }
    }

    @Inject
    AssuranceScope scope;

    @Inject
    FilteringChangeLog log;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(summary = "The school's filtering change log, newest request first",
            description = "status filters to requested, approved, rejected or applied entries.")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public List<ChangeView> list(@PathParam("schoolId") String schoolId, @QueryParam("status") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        String school = scope.school(schoolId);
        return FilteringChange.list(scope.trustId(), Set.of(school), status(status), page, size).stream()
                .map(ChangeView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One entry of the school's filtering change log")
    @APIResponse(responseCode = "404", description = "No such entry at a school of the caller's")
    public ChangeView get(@PathParam("schoolId") String schoolId, @PathParam("id") String id) {
        return ChangeView.of(FilteringChangeLog.find(scope.trustId(), scope.school(schoolId), id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Ask for a filtering change (audited); the caller is the one who asked")
    @APIResponse(responseCode = "201", description = "Logged as requested")
    @APIResponse(responseCode = "400", description = "A field is missing or not valid; a site is a host name; "
            + "corrects names an entry of this school")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public Response request(@PathParam("schoolId") String schoolId, @Valid @NotNull ChangeRequest request) {
        String school = scope.school(schoolId);
        List<Problem.FieldError> errors = new ArrayList<>();
        FilteringChange change = new FilteringChange();
        change.action = request.action();
        change.targetKind = request.targetKind();
        change.target = target(request.targetKind(), request.target(), errors);
        change.appliesTo = Strings.blankToNull(request.appliesTo());
        change.reason = request.reason().strip();
        change.corrects = corrected(school, request.corrects(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The filtering change is not valid", errors);
        }
        FilteringChange logged = log.request(scope.trustId(), school, scope.actor(), change);
        return Response.created(URI.create("/api/v1/assurance/schools/" + school + "/filtering-changes/" + logged.id))
                .entity(ChangeView.of(logged)).build();
    }

    @POST
    @Path("/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({"head", "trust-admin"})
    @Operation(summary = "Approve a requested change (head or trust administrator, not the person who asked; "
            + "audited)")
    @APIResponse(responseCode = "409", description = "Already decided, or the caller asked for the change")
    public ChangeView approve(@PathParam("schoolId") String schoolId, @PathParam("id") String id,
            @Valid Decision decision) {
        return ChangeView.of(log.approve(scope.trustId(), scope.school(schoolId), id, scope.actor(),
                note(decision)));
    }

    @POST
    @Path("/{id}/rejection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({"head", "trust-admin"})
    @Operation(summary = "Turn down a requested change, saying why (head or trust administrator, not the person "
            + "who asked; audited)")
    @APIResponse(responseCode = "400", description = "No note saying why")
    @APIResponse(responseCode = "409", description = "Already decided, or the caller asked for the change")
    public ChangeView reject(@PathParam("schoolId") String schoolId, @PathParam("id") String id,
            @Valid Decision decision) {
        String note = note(decision);
        if (note == null) {
            throw ProblemException.badRequest("A rejection says why",
                    List.of(new Problem.FieldError("note", "must not be blank")));
        }
        return ChangeView.of(log.reject(scope.trustId(), scope.school(schoolId), id, scope.actor(), note));
    }

    @POST
    @Path("/{id}/application")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record that an approved change was made on the filtering system (audited)")
    @APIResponse(responseCode = "400", description = "appliedAt in the future or before the approval")
    @APIResponse(responseCode = "409", description = "The change is not approved (requested, rejected or applied)")
    public ChangeView apply(@PathParam("schoolId") String schoolId, @PathParam("id") String id,
            Application application) {
        Instant appliedAt = application == null ? null : application.appliedAt();
        if (appliedAt != null && appliedAt.isAfter(clock.instant())) {
            throw ProblemException.badRequest("A change is recorded as applied once it has been",
                    List.of(new Problem.FieldError("appliedAt", "must not be in the future")));
        }
        return ChangeView.of(log.apply(scope.trustId(), scope.school(schoolId), id, scope.actor(), appliedAt));
    }

    private static String note(Decision decision) {
        return decision == null ? null : Strings.blankToNull(decision.note());
    }

    /** The status filter, or null for every status. */
    static String status(String status) {
        String wanted = Strings.blankToNull(status);
        if (wanted != null && !FilteringChange.STATUSES.contains(wanted)) {
            throw ProblemException.badRequest("Invalid filters: status", List.of(new Problem.FieldError("status",
                    "one of " + String.join(", ", FilteringChange.STATUSES))));
        }
        return wanted;
    }

    private static String target(String kind, String target, List<Problem.FieldError> errors) {
        String value = target.strip();
        if ("site".equals(kind)) {
            value = value.toLowerCase(Locale.ROOT);
            if (!HOST.matcher(value).matches()) {
                errors.add(new Problem.FieldError("target", "a host name such as www.example.org (no scheme, path "
                        + "or query)"));
            }
        }
        return value;
    }

    private UUID corrected(String school, String corrects, List<Problem.FieldError> errors) {
        String id = Strings.blankToNull(corrects);
        if (id == null) {
            return null;
        }
        try {
            UUID earlier = UUID.fromString(id);
            FilteringChange entry = FilteringChange.findById(earlier);
            if (entry != null && entry.trustId.equals(scope.trustId()) && entry.schoolId.equals(school)) {
                return earlier;
            }
        } catch (IllegalArgumentException notAnId) {
            // Reported below like an unknown entry.
        }
        errors.add(new Problem.FieldError("corrects", "an entry of this school's filtering change log"));
        return null;
    }
}
