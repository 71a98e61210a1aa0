package io.vigil.reporting.assurance;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
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
 * A school's annual review of filtering and monitoring (DfE filtering and monitoring standards: at
 * least once a year), signed off by a named person in their role, with the next review's due date.
 * The DSL, head and trust administrator record and read sign-offs; none is changed (audited).
 */
@Path("/api/v1/assurance/schools/{schoolId}/annual-reviews")
@Tag(name = "Filtering assurance")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "head", "trust-admin"})
public class AnnualReviewResource {

    /**
     * A review signed off: when it was held, who signed in which role ({@code head}, {@code dsl},
     * {@code safeguarding-governor}, {@code chair-of-governors}, {@code trust-safeguarding-lead} or
     * {@code trust-it-lead}), what it found, and when the next one is due (within a year).
     */
    public record ReviewSignOff(
            @NotNull LocalDate reviewedOn,
            @NotBlank @Size(max = 200) String signedBy,
            @NotBlank @Pattern(regexp = "head|dsl|safeguarding-governor|chair-of-governors|trust-safeguarding-lead"
                    + "|trust-it-lead", message = "head, dsl, safeguarding-governor, chair-of-governors, "
                            + "trust-safeguarding-lead or trust-it-lead") String signerRole,
            @NotBlank @Size(max = 4000) String summary,
            @NotNull LocalDate nextReviewDue) {
    }

    /** A sign-off as the register shows it. */
    public record ReviewView(String id, String schoolId, LocalDate reviewedOn, String signedBy, String signerRole,
            String summary, LocalDate nextReviewDue, String recordedBy, Instant recordedAt) {

        static ReviewView of(AnnualReview r) {
            return new ReviewView(r.id.toString(), r.schoolId, r.reviewedOn, r.signedBy, r.signerRole, r.summary,
                    r.nextReviewDue, r.recordedBy, r.recordedAt);
        }
    }

    @Inject
    AssuranceScope scope;

    @Inject
    AssuranceRegister register;

    @GET
    @Transactional
    @Operation(summary = "The school's annual review sign-offs, latest review first")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public List<ReviewView> list(@PathParam("schoolId") String schoolId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(10_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return AnnualReview.list(scope.trustId(), scope.school(schoolId), page, size).stream().map(ReviewView::of)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Record the sign-off of an annual review that was held (audited)")
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "A field is missing or not valid; reviewedOn is in the "
            + "future; nextReviewDue is not after reviewedOn or more than a year after it")
    @APIResponse(responseCode = "404", description = "Not a school of the caller's")
    public Response signOff(@PathParam("schoolId") String schoolId, @Valid @NotNull ReviewSignOff request) {
        String school = scope.school(schoolId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.reviewedOn().isAfter(register.today())) {
            errors.add(new Problem.FieldError("reviewedOn", "must not be in the future: a review is signed off once "
                    + "held"));
        }
        if (!request.nextReviewDue().isAfter(request.reviewedOn())
                || request.nextReviewDue().isAfter(request.reviewedOn().plusYears(1))) {
            errors.add(new Problem.FieldError("nextReviewDue", "must be after reviewedOn and at most a year after it"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The sign-off is not valid", errors);
        }
        AnnualReview review = new AnnualReview();
        review.reviewedOn = request.reviewedOn();
        review.signedBy = request.signedBy().strip();
        review.signerRole = request.signerRole();
        review.summary = request.summary().strip();
        review.nextReviewDue = request.nextReviewDue();
        AnnualReview recorded = register.recordReview(scope.trustId(), school, scope.actor(), review);
        return Response.status(Response.Status.CREATED).entity(ReviewView.of(recorded)).build();
    }
}
