package io.vigil.triage.casework;

import io.vigil.triage.incident.IncidentView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The case workflow on an incident, for the school's safeguarding team (and the trust lead where routed). */
@Path("/api/v1/incidents/{id}")
@Tag(name = "Cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"dsl", "deputy-dsl", "head", "trust-safeguarding-lead"})
public class CaseResource {

    /** One entry of a case's chronology. */
    public record Entry(long id, String kind, String actor, Instant at, String text, String agency, String reference) {
    }

    @Inject
    CaseWorkflow workflow;

    @POST
    @Path("/acknowledge")
    @Operation(summary = "Acknowledge the case (stops its acknowledgement deadline)")
    public IncidentView acknowledge(@PathParam("id") String id) {
        return IncidentView.of(workflow.acknowledge(id));
    }

    @POST
    @Path("/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    public IncidentView assign(@PathParam("id") String id, @Valid @NotNull CaseRequests.Assign request) {
        return IncidentView.of(workflow.assign(id, request));
    }

    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a chronology entry: what was done (who and when are recorded)")
    public IncidentView note(@PathParam("id") String id, @Valid @NotNull CaseRequests.Note request) {
        return IncidentView.of(workflow.note(id, request));
    }

    @POST
    @Path("/referrals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a referral (children's social care/MASH, police, LADO, CEOP, IWF, Prevent, "
            + "Report Harmful Content) with the agency's reference")
    public IncidentView refer(@PathParam("id") String id, @Valid @NotNull CaseRequests.Referral request) {
        return IncidentView.of(workflow.refer(id, request));
    }

    @POST
    @Path("/parent-contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve contact with parents/carers (guardians, template) or record why not",
            description = "Only an approval makes notification send a message.")
    public IncidentView parentContact(@PathParam("id") String id, @Valid @NotNull CaseRequests.ParentContact request) {
        return IncidentView.of(workflow.parentContact(id, request));
    }

    @POST
    @Path("/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close an acknowledged case with its outcome (409 if not acknowledged)")
    public IncidentView close(@PathParam("id") String id, @Valid @NotNull CaseRequests.Close request) {
        return IncidentView.of(workflow.close(id, request));
    }

    @POST
    @Path("/false-positive")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close the case as a false positive, with the reason")
    public IncidentView falsePositive(@PathParam("id") String id, @Valid @NotNull CaseRequests.Reason request) {
        return IncidentView.of(workflow.falsePositive(id, request));
    }

    @POST
    @Path("/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reopen a closed case, with the reason (409 if it is not closed)")
    public IncidentView reopen(@PathParam("id") String id, @Valid @NotNull CaseRequests.Reason request) {
        return IncidentView.of(workflow.reopen(id, request));
    }

    @GET
    @Path("/chronology")
    @Operation(summary = "Everything done on the case, oldest first (the read is audited)")
    public List<Entry> chronology(@PathParam("id") String id) {
        return workflow.entries(id).stream()
                .map(e -> new Entry(e.id, e.kind, e.actor, e.at, e.text, e.agency, e.reference)).toList();
    }
}
