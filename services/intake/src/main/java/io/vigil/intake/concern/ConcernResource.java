package io.vigil.intake.concern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where staff report safeguarding concerns and read back their own. */
@Path("/api/v1/concerns")
@Tag(name = "Concerns")
@Produces(MediaType.APPLICATION_JSON)
public class ConcernResource {

    /** Lets a client retry a report without creating it twice. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    @Inject
    ConcernService concerns;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"staff", "dsl", "deputy-dsl", "head", "trust-safeguarding-lead", "app"})
    @Operation(summary = "Report a concern",
            description = "Staff report as themselves; an app names the member of staff in onBehalfOf. 201 once "
                    + "stored and queued for triage; with the same Idempotency-Key again, 200 and the same concern.")
    public Response report(@HeaderParam(IDEMPOTENCY_KEY_HEADER) String idempotencyKey,
            @Valid @NotNull ConcernRequest request) {
        ConcernService.Reported reported = concerns.report(request, idempotencyKey);
        if (!reported.created()) {
            return Response.ok(reported.concern()).build();
        }
        return Response.created(URI.create("/api/v1/concerns/" + reported.concern().id()))
                .entity(reported.concern()).build();
    }

    @GET
    @RolesAllowed({"staff", "dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
    @Operation(summary = "The concerns you reported, newest first")
    public List<ConcernView> mine() {
        return concerns.mine();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"staff", "dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
    @Operation(summary = "One concern you reported")
    public ConcernView get(@PathParam("id") String id) {
        return concerns.get(id);
    }
}
