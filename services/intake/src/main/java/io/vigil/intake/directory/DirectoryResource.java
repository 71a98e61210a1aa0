package io.vigil.intake.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.common.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The directory feed: MIS systems and trust administrators push learners, guardians and staff so
 * that alerts resolve to a person and notification knows whom to contact. Writes are for a trust
 * administrator or an {@code app} client, within the schools of the caller's trust; reads are for
 * the trust administrator, to check what is held, and are audited.
 */
@Path("/api/v1/directory")
@Tag(name = "Directory")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"trust-admin", "app"})
public class DirectoryResource {

    static final String CSV = "text/csv";
    private static final String KINDS = "learners|guardians|staff";
    private static final String UPLOAD_DESCRIPTION = """
            Upserts 1 to 5,000 records by personId, as a JSON array of objects or as CSV with a header \
            row naming the same fields (CSV lists separate entries with ';', and an account is written \
            applianceId|username|deviceId). Answers with a result per record: upserted (its event is \
            published to vigil.directory.v1), unchanged (already held as sent: nothing is published) or \
            rejected, with field errors such as records[3].dateOfBirth; if no record is valid the answer \
            is 400 with every error. Free-text values lose any leading = + - @ so that none can act as a \
            spreadsheet formula. Learners carry no name; unknown fields are ignored and never stored. \
            Fields: learners — personId, schoolId, yearGroup (N1, N2, R, Y1..Y13), dateOfBirth \
            (yyyy-MM-dd), send, lookedAfter, childProtectionPlan, eal, homeLanguage, guardianIds, \
            accounts; guardians — personId, schoolId, learnerIds, displayName, email, mobile, \
            preferredLanguage, parentalResponsibility, doNotContact, doNotContactReason (required with \
            doNotContact), and an email or a mobile; staff — personId, schoolId, displayName, email, \
            mobile, safeguardingRole (none, dsl, deputy-dsl, head, chair-of-governors, \
            trust-safeguarding-lead), accounts.""";

    @Inject
    DirectoryFeed feed;

    @Inject
    LearnerRecords learners;

    @Inject
    GuardianRecords guardians;

    @Inject
    StaffRecords staff;

    @POST
    @Path("/{kind: " + KINDS + "}")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Upsert learners, guardians or staff from a JSON array or CSV with a header row",
            description = UPLOAD_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A result per record",
            content = @Content(schema = @Schema(implementation = UploadResult.class)))
    @APIResponse(responseCode = "400", description = "The body cannot be read, or no record is valid")
    @APIResponse(responseCode = "403", description = "A record names a school outside the caller's trust")
    @APIResponse(responseCode = "413", description = "More than 5,000 records")
    @APIResponse(responseCode = "415", description = "Neither application/json nor text/csv")
    public UploadResult upload(@Parameter(description = "learners, guardians or staff") @PathParam("kind") String kind,
            @Context HttpHeaders headers, InputStream body) {
        PersonRecords<?> records = records(kind);
        boolean csv = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(CSV));
        List<ObjectNode> read = body == null ? List.of() : csv ? UploadReader.csv(body) : UploadReader.json(body);
        return feed.upsert(records, read, csv ? "csv" : "json");
    }

    @DELETE
    @Path("/{kind: " + KINDS + "}/{id}")
    @Operation(summary = "Remove a person and their accounts",
            description = "Publishes PersonRemoved as the last value of the person's key on vigil.directory.v1.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such person in the caller's trust")
    public Response remove(@PathParam("kind") String kind, @PathParam("id") String id) {
        feed.remove(records(kind), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{kind: " + KINDS + "}/{id}")
    @RolesAllowed("trust-admin")
    @Operation(summary = "What the directory holds about a person (the read is audited)",
            description = "The person's current record, as last published to vigil.directory.v1.")
    @APIResponse(responseCode = "200", description = "The held record")
    @APIResponse(responseCode = "404", description = "No such person in the caller's trust")
    public Record get(@PathParam("kind") String kind, @PathParam("id") String id) {
        return feed.get(records(kind), id);
    }

    private PersonRecords<?> records(String kind) {
        return switch (kind) {
            case "learners" -> learners;
            case "guardians" -> guardians;
            case "staff" -> staff;
            default -> throw ProblemException.notFound("No directory of " + kind);
        };
    }
}
