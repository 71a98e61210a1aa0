package io.vigil.intake.webhook;

import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import io.vigil.intake.appliance.LastSeen;
import io.vigil.common.signing.RequestSignatures;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lets an appliance that has nothing to report say it is still working, so a quiet school day is
 * not mistaken for a filter that stopped reporting.
 */
@Path("/api/v1/heartbeat")
@Tag(name = "Alerts")
@PermitAll
public class HeartbeatResource {

    @Inject
    ApplianceAuthenticator authenticator;

    @Inject
    LastSeen lastSeen;

    @Inject
    Clock clock;

    @POST
    @Operation(summary = "Record that the appliance is alive (any body is ignored, but covered by a signature)")
    public Response beat(@HeaderParam(ApplianceAuthenticator.API_KEY_HEADER) String apiKey,
            @HeaderParam(RequestSignatures.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(RequestSignatures.SIGNATURE_HEADER) String signature,
            byte[] body) {
        AuthenticatedAppliance appliance = authenticator.authenticate(apiKey, timestamp, signature,
                body == null ? new byte[0] : body);
        lastSeen.touch(appliance.applianceId(), clock.instant());
        return Response.noContent().build();
    }
}
