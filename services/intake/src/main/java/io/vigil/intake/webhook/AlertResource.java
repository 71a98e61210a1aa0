package io.vigil.intake.webhook;

import io.vigil.common.problem.Problem;
import io.vigil.common.problem.ProblemException;
import io.vigil.intake.appliance.ApplianceAuthenticator;
import io.vigil.intake.appliance.ApplianceAuthenticator.AuthenticatedAppliance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The JSON webhook filtering and monitoring appliances post alerts to. */
@Path("/api/v1/alerts")
@Tag(name = "Alerts")
@PermitAll
public class AlertResource {

    @Inject
    ApplianceAuthenticator authenticator;

    @Inject
    AlertPublisher publisher;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept one alert from an appliance",
            description = "Answers 202 only once the alert is durable. Posting the same eventId again is harmless.")
    public Response accept(@HeaderParam(ApplianceAuthenticator.API_KEY_HEADER) String apiKey,
            @Valid @NotNull AlertRequest alert) {
        AuthenticatedAppliance appliance = authenticator.authenticate(apiKey);
        if (alert.schoolId() != null && !alert.schoolId().equals(appliance.schoolId())) {
            throw ProblemException.badRequest("Unknown school for this appliance: " + alert.schoolId(),
                    List.of(new Problem.FieldError("schoolId", "not the school this appliance is registered to")));
        }
        return Response.accepted(publisher.publish(appliance, alert)).build();
    }
}
