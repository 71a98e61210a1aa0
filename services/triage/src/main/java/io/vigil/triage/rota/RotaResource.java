package io.vigil.triage.rota;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import io.vigil.triage.directory.Person;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The out-of-hours rota: who is on call for a school, or for every school of the trust, and when.
 * The DSL and head keep their school's rota; the trust safeguarding lead and the trust administrator
 * may also put someone on call for every school. Each change is audited.
 */
@Path("/api/v1/rota")
@Tag(name = "Out-of-hours rota")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead", "trust-admin"})
public class RotaResource {

    /** The longest one shift may last (a holiday's cover). */
    static final Duration LONGEST = Duration.ofDays(31);
    static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    static final String[] TRUST_WIDE_ROLES = {"trust-safeguarding-lead", "trust-admin"};

    /** A shift: a member of staff (their directory id) on call for a school, or every school when none is given. */
    public record ShiftRequest(@Size(max = 64) String schoolId, @NotBlank @Size(max = 64) String staffId,
            @NotNull Instant startsAt, @NotNull Instant endsAt) {
    }

    public record ShiftView(String id, String schoolId, String staffId, Instant startsAt, Instant endsAt,
            String addedBy, Instant addedAt) {

        static ShiftView of(OnCallShift shift) {
            return new ShiftView(shift.id.toString(), shift.schoolId, shift.staffId, shift.startsAt, shift.endsAt,
                    shift.addedBy, shift.addedAt);
        }
    }

    @Inject
    TenantScope tenant;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @GET
    @Transactional
    @Operation(summary = "Shifts of the caller's schools (and trust-wide ones) overlapping a period (default: the next 14 days)")
    public List<ShiftView> list(@QueryParam("schoolId") String schoolId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Set<String> schools = tenant.visibleSchools(schoolId);
        Instant start = from == null ? clock.instant() : instant("from", from);
        Instant end = to == null ? start.plus(DEFAULT_WINDOW) : instant("to", to);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("The period is empty",
                    List.of(new Problem.FieldError("to", "must be after from")));
        }
        return OnCallShift.overlapping(tenant.trustId(), schools, start, end).stream().map(ShiftView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({"dsl", "head", "trust-safeguarding-lead", "trust-admin"})
    @Operation(summary = "Put a member of staff on call; audited")
    public Response add(@Valid @NotNull ShiftRequest request) {
        Instant now = clock.instant();
        String schoolId = Strings.blankToNull(request.schoolId());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (schoolId == null && !trustWide()) {
            errors.add(new Problem.FieldError("schoolId", "required: only the trust puts someone on call for every school"));
        }
        if (!request.endsAt().isAfter(request.startsAt()) || !request.endsAt().isAfter(now)) {
            errors.add(new Problem.FieldError("endsAt", "must be after the start and in the future"));
        } else if (Duration.between(request.startsAt(), request.endsAt()).compareTo(LONGEST) > 0) {
            errors.add(new Problem.FieldError("endsAt", "a shift lasts at most " + LONGEST.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The shift is not valid", errors);
        }
        if (schoolId != null) {
            tenant.requireSchool(schoolId);
        }
        Person staff = Person.findById(request.staffId().strip());
        if (staff == null || staff.removed || !"staff".equals(staff.kind) || !staff.trustId.equals(tenant.trustId())
                || schoolId != null && !staff.schoolId.equals(schoolId)) {
            throw ProblemException.badRequest("Not a member of staff of " + (schoolId == null ? "the trust" : schoolId),
                    List.of(new Problem.FieldError("staffId", "no such member of staff in the directory")));
        }
        OnCallShift shift = new OnCallShift();
        shift.id = UUID.randomUUID();
        shift.trustId = tenant.trustId();
        shift.schoolId = schoolId;
        shift.staffId = staff.id;
        shift.startsAt = request.startsAt();
        shift.endsAt = request.endsAt();
        shift.addedBy = tenant.actor();
        shift.addedAt = now;
        shift.persist();
        audit.record(shift.trustId, schoolId, shift.addedBy, "rota.shift-added", "on-call-shift", shift.id.toString(),
                "success", Map.of("staff", shift.staffId, "school", schoolId == null ? "every school" : schoolId,
                        "startsAt", shift.startsAt.toString(), "endsAt", shift.endsAt.toString()));
        return Response.status(201).entity(ShiftView.of(shift)).build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @RolesAllowed({"dsl", "head", "trust-safeguarding-lead", "trust-admin"})
    @Operation(summary = "Take a shift off the rota; audited")
    public Response remove(@PathParam("id") String id) {
        OnCallShift shift = find(id);
        if (shift.schoolId == null && !trustWide()) {
            throw ProblemException.forbidden("Only the trust changes a shift of every school");
        }
        shift.removedAt = clock.instant();
        shift.removedBy = tenant.actor();
        audit.record(shift.trustId, shift.schoolId, shift.removedBy, "rota.shift-removed", "on-call-shift", id,
                "success", Map.of("staff", shift.staffId));
        return Response.noContent().build();
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("Not an instant: " + value,
                    List.of(new Problem.FieldError(field, "an ISO-8601 instant such as 2026-11-24T18:00:00Z")));
        }
    }

    private boolean trustWide() {
        for (String role : TRUST_WIDE_ROLES) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private OnCallShift find(String id) {
        OnCallShift shift = OnCallShift.findById(Ids.uuidOrNotFound(id, "shift"));
        if (shift == null || shift.removedAt != null || !shift.trustId.equals(tenant.trustId())
                || shift.schoolId != null && !tenant.schoolIds().contains(shift.schoolId)) {
            throw ProblemException.notFound("No shift " + id);
        }
        return shift;
    }
}
