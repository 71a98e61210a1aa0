package io.vigil.intake.registry;

import jakarta.annotation.security.RolesAllowed;
import io.vigil.intake.appliance.ApplianceCache;
import io.vigil.intake.syslog.SyslogSources;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The appliance registry, for trust administrators: register, list, rotate and revoke keys, signing secrets. */
@Path("/api/v1/appliances")
@Tag(name = "Appliances")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("trust-admin")
public class ApplianceResource {

    @Inject
    ApplianceRegistry registry;

    @Inject
    SyslogSources syslogSources;

    @Inject
    ApplianceCache appliances;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an appliance; the answer holds its API key, shown this once")
    public Response register(@Valid @NotNull ApplianceRegistration registration) {
        IssuedKey issued = registry.register(registration);
        return Response.created(URI.create("/api/v1/appliances/" + issued.appliance().id())).entity(issued).build();
    }

    @GET
    @Operation(summary = "List the appliances of the caller's schools, with when each was last heard from")
    public List<ApplianceView> list(@QueryParam("schoolId") String schoolId) {
        return registry.list(schoolId);
    }

    @GET
    @Path("/{id}")
    public ApplianceView get(@PathParam("id") String id) {
        return registry.get(id);
    }

    @POST
    @Path("/{id}/key")
    @Operation(summary = "Issue a new API key; the previous one stops working at once")
    public IssuedKey rotateKey(@PathParam("id") String id) {
        IssuedKey issued = registry.rotateKey(id);
        appliances.reload();
        return issued;
    }

    @POST
    @Path("/{id}/signing-secret")
    @Operation(summary = "Issue a request-signing secret, shown this once; from now on every webhook request "
            + "of the appliance must be signed (HMAC-SHA256, X-Vigil-Timestamp and X-Vigil-Signature)")
    public IssuedSigningSecret issueSigningSecret(@PathParam("id") String id) {
        IssuedSigningSecret issued = registry.issueSigningSecret(id);
        appliances.reload();
        return issued;
    }

    @DELETE
    @Path("/{id}/signing-secret")
    @Operation(summary = "Stop requiring signed requests from the appliance")
    public ApplianceView removeSigningSecret(@PathParam("id") String id) {
        ApplianceView view = registry.removeSigningSecret(id);
        appliances.reload();
        return view;
    }

    @PUT
    @Path("/{id}/syslog-sources")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the addresses or CIDR blocks the appliance sends syslog from",
            description = "Syslog from any other address is not read. Takes effect within seconds.")
    public SyslogSourceList replaceSyslogSources(@PathParam("id") String id, @Valid @NotNull SyslogSourceList sources) {
        SyslogSourceList replaced = registry.replaceSyslogSources(id, sources);
        syslogSources.reload();
        return replaced;
    }

    @GET
    @Path("/{id}/syslog-sources")
    public SyslogSourceList syslogSources(@PathParam("id") String id) {
        return registry.syslogSources(id);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke the appliance's key; its alerts are refused until a new key is issued")
    public ApplianceView revoke(@PathParam("id") String id) {
        ApplianceView view = registry.revoke(id);
        appliances.reload();
        return view;
    }
}
