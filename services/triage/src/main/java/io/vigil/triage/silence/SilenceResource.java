package io.vigil.triage.silence;

import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.common.audit.AuditTrail;
import io.vigil.common.problem.Ids;
import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.common.tenancy.TenantScope;
import io.vigil.common.text.Strings;
import io.vigil.contracts.taxonomy.PolicyCategory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Silences for the school's safeguarding team and the trust administrator: a known-noisy source
 * (a library kiosk, an appliance in maintenance) stops notifying for a while, with the owner, the
 * reason and the expiry kept and every change audited. Silenced alerts still make incidents and
 * still count in reports; illegal-content categories can never be silenced.
 */
@Path("/api/v1/silences")
@Tag(name = "Silences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead", "trust-admin"})
public class SilenceResource {

    /** The longest a silence may last: long enough for a half term, short enough to be looked at again. */
    static final Duration LONGEST = Duration.ofDays(31);

    /** A new silence: its matchers (at least one besides the school), why, and until when. */
    public record SilenceRequest(@Size(max = 64) String schoolId, @Size(max = 64) String applianceId,
            @Size(max = 50) String category, @Size(max = 200) String subject,
            @NotBlank @Size(max = 1000) String reason, Instant startsAt, @NotNull Instant endsAt) {
    }

    /** A silence as the team sees it. */
    public record SilenceView(String id, String schoolId, String applianceId, String category, String subject,
            String createdBy, String reason, Instant startsAt, Instant endsAt, Instant createdAt, String state,
            Instant expiredAt, String expiredBy) {

        static SilenceView of(Silence s, Instant now) {
            return new SilenceView(s.id.toString(), s.schoolId, s.applianceId, s.category, s.subject, s.createdBy,
                    s.reason, s.startsAt, s.endsAt, s.createdAt, s.state(now), s.expiredAt, s.expiredBy);
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

    @Inject
    Silences silences;

    @GET
    @Transactional
    @Operation(summary = "Silences of the caller's schools and trust-wide ones; expired ones only when asked")
    public List<SilenceView> list(@QueryParam("schoolId") String schoolId,
            @QueryParam("includeExpired") boolean includeExpired) {
        Set<String> schools = tenant.visibleSchools(schoolId);
        Instant now = clock.instant();
        return Silence.<Silence>list("trustId = ?1 and (schoolId is null or schoolId in ?2) order by createdAt desc, id",
                tenant.trustId(), schools).stream()
                .filter(s -> includeExpired || !"expired".equals(s.state(now)))
                .map(s -> SilenceView.of(s, now)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @RolesAllowed({"dsl", "head", "trust-admin"})
    @Operation(summary = "Silence matching alerts until an expiry (never illegal content); audited")
    public Response create(@Valid @NotNull SilenceRequest request) {
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        String schoolId = Strings.blankToNull(request.schoolId());
        if (schoolId == null && !identity.hasRole("trust-admin")) {
            errors.add(new Problem.FieldError("schoolId", "required: only a trust administrator silences every school"));
        }
        String category = Strings.blankToNull(request.category());
        if (category != null) {
            try {
                PolicyCategory policy = PolicyCategory.fromSlug(category);
                if (policy.illegalContent()) {
                    errors.add(new Problem.FieldError("category", "illegal content is never silenced"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("category", "not one of Vigil's policy categories"));
            }
        }
        String applianceId = Strings.blankToNull(request.applianceId());
        String subject = Silence.lower(Strings.blankToNull(request.subject()));
        if (applianceId == null && category == null && subject == null) {
            errors.add(new Problem.FieldError("applianceId", "give at least one of applianceId, category or subject"));
        }
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (!request.endsAt().isAfter(startsAt) || !request.endsAt().isAfter(now)) {
            errors.add(new Problem.FieldError("endsAt", "must be after the start and in the future"));
        } else if (Duration.between(startsAt, request.endsAt()).compareTo(LONGEST) > 0) {
            errors.add(new Problem.FieldError("endsAt", "a silence lasts at most " + LONGEST.toDays() + " days"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The silence is not valid", errors);
        }
        if (schoolId != null) {
            tenant.requireSchool(schoolId);
        }
        Silence silence = new Silence();
        silence.id = UUID.randomUUID();
        silence.trustId = tenant.trustId();
        silence.schoolId = schoolId;
        silence.applianceId = applianceId;
        silence.category = category;
        silence.subject = subject;
        silence.createdBy = tenant.actor();
        silence.reason = request.reason().strip();
        silence.startsAt = startsAt;
        silence.endsAt = request.endsAt();
        silence.createdAt = now;
        silence.persist();
        silences.changed(silence.trustId);
        audit.record(silence.trustId, schoolId, silence.createdBy, "silence.created", "silence",
                silence.id.toString(), "success", describe(silence));
        return Response.status(201).entity(SilenceView.of(silence, now)).build();
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @RolesAllowed({"dsl", "head", "trust-admin"})
    @Operation(summary = "Expire a silence now; audited")
    public SilenceView expire(@PathParam("id") String id) {
        Silence silence = find(id);
        Instant now = clock.instant();
        if ("expired".equals(silence.state(now))) {
            throw ProblemException.conflict("Silence " + id + " has already ended");
        }
        if (silence.schoolId == null && !identity.hasRole("trust-admin")) {
            throw ProblemException.forbidden("Only a trust administrator ends a silence of every school");
        }
        silence.expiredAt = now;
        silence.expiredBy = tenant.actor();
        silences.changed(silence.trustId);
        audit.record(silence.trustId, silence.schoolId, silence.expiredBy, "silence.expired", "silence", id,
                "success", describe(silence));
        return SilenceView.of(silence, now);
    }

    private Silence find(String id) {
        Silence silence = Silence.findById(Ids.uuidOrNotFound(id, "silence"));
        if (silence == null || !silence.trustId.equals(tenant.trustId())
                || silence.schoolId != null && !tenant.schoolIds().contains(silence.schoolId)) {
            throw ProblemException.notFound("No silence " + id);
        }
        return silence;
    }

    private static Map<String, String> describe(Silence silence) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("school", silence.schoolId == null ? "every school" : silence.schoolId);
        if (silence.applianceId != null) {
            details.put("appliance", silence.applianceId);
        }
        if (silence.category != null) {
            details.put("category", silence.category);
        }
        if (silence.subject != null) {
            details.put("subject", silence.subject);
        }
        details.put("reason", silence.reason);
        details.put("startsAt", silence.startsAt.toString());
        details.put("endsAt", silence.endsAt.toString());
        return details;
    }
}
